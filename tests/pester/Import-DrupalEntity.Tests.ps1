# Import-DrupalEntity, and the conversion of piped rows by New-DrupalEntity and Set-DrupalEntity, against the test
# server in read-write mode: editor-client may set every field; writer-client has only the bundle's create and edit
# permissions (no "administer nodes", no "access user profiles"), as an import job should.
Describe 'Import-DrupalEntity' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
        function Get-TagUuid([int] $Tid) { '{0:x8}-7a95-4c3e-9f00-{0:x12}' -f $Tid }
        function Connect-Editor { Connect-Backend -ClientId 'editor-client' -Secret 'editor-secret' -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 } }
        function Connect-Writer { Connect-Backend -ClientId 'writer-client' -Secret 'writer-secret' -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 } }
        function Get-Writes { (Get-Stats).jsonapiWrites }
        function New-Csv([string] $Name, [string] $Text) {
            $path = Join-Path $TestDrive $Name
            [IO.File]::WriteAllText($path, $Text.Trim() + "`n", [Text.UTF8Encoding]::new($false))
            $path
        }
        function Get-Article([string] $Id) { Get-DrupalEntity node article -Id $Id }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
        $null = Connect-Editor
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'conversions' {
        It 'takes booleans in each form, integers, decimals, dates, formatted text and multi-value cells from a CSV file' {
            $path = New-Csv 'types.csv' @'
title,field_featured,field_rating,field_score,created,body,field_keywords
Form 1,1,7,7.25,2024-01-02,Plain text,alpha; beta
Form 0,0,0,0.5,2024-01-02T09:30:00+02:00,<p>Marked up</p>,"""gamma; delta""; epsilon"
Form true,true,12,3,2024-01-02T09:30:00Z,,
Form FALSE,FALSE,,,,,
Form yes,yes,,,,,
Form no,no,,,,,
Form Excel,TRUE,,,,,
Form lower,false,,,,,
'@
            $results = @(Import-DrupalEntity node article -Path $path)
            $results.Action | Sort-Object -Unique | Should -Be 'Created'
            $articles = @{}
            foreach ($result in $results) { $articles[$result.Label] = Get-Article $result.Id }
            $expected = @{ 'Form 1' = $true; 'Form 0' = $false; 'Form true' = $true; 'Form FALSE' = $false; 'Form yes' = $true; 'Form no' = $false; 'Form Excel' = $true; 'Form lower' = $false }
            foreach ($title in $expected.Keys) { $articles[$title].field_featured | Should -Be $expected[$title] -Because $title }
            $articles['Form 1'].field_rating | Should -Be 7
            $articles['Form 0'].field_rating | Should -Be 0
            [double] $articles['Form 1'].field_score | Should -Be 7.25
            [double] $articles['Form true'].field_score | Should -Be 3
            [DateTimeOffset]::Parse($articles['Form 1'].created, [cultureinfo]::InvariantCulture) | Should -Be ([DateTimeOffset]'2024-01-02T00:00:00Z')
            [DateTimeOffset]::Parse($articles['Form 0'].created, [cultureinfo]::InvariantCulture) | Should -Be ([DateTimeOffset]'2024-01-02T07:30:00Z')
            $articles['Form 1'].body.value | Should -Be 'Plain text'
            $articles['Form 1'].body.format | Should -Be 'basic_html'
            $articles['Form 0'].body.value | Should -Be '<p>Marked up</p>'
            @($articles['Form 1'].field_keywords) | Should -Be 'alpha', 'beta'
            @($articles['Form 0'].field_keywords) | Should -Be 'gamma; delta', 'epsilon'
        }

        It 'takes typed cells from the pipeline, as Import-Excel gives them' {
            $row = [pscustomobject]@{ title = 'Typed'; field_featured = $true; field_rating = 9.0; field_score = 2.5; created = [datetime]::new(2024, 1, 2, 0, 0, 0, [DateTimeKind]::Utc) }
            $result = $row | Import-DrupalEntity node article
            $result.Action | Should -Be 'Created'
            $result.Row | Should -Be 1
            $article = Get-Article $result.Id
            $article.field_featured | Should -BeTrue
            $article.field_rating | Should -Be 9
            [double] $article.field_score | Should -Be 2.5
            [DateTimeOffset]::Parse($article.created, [cultureinfo]::InvariantCulture) | Should -Be ([DateTimeOffset]'2024-01-02T00:00:00Z')
        }

        It 'resolves references by label and by id' {
            $byLabel = [pscustomobject]@{ title = 'By label'; field_tags = 'PowerShell; OAuth' } | Import-DrupalEntity node article
            @((Get-Article $byLabel.Id).field_tags) | Should -Be (Get-TagUuid 1), (Get-TagUuid 5)
            $byId = [pscustomobject]@{ title = 'By id'; field_tags = "$(Get-TagUuid 3); $(Get-TagUuid 4)" } | Import-DrupalEntity node article -ReferenceBy Id
            @((Get-Article $byId.Id).field_tags) | Should -Be (Get-TagUuid 3), (Get-TagUuid 4)
        }

        It 'fails a row whose label matches nothing, and one whose label matches two terms, naming their ids' {
            # writer-client may create terms; editor-client may not.
            $null = Connect-Writer
            $twin = New-DrupalEntity taxonomy_term tags -Attributes @{ name = 'Drupal' }
            $rows = @(
                [pscustomobject]@{ title = 'Missing'; field_tags = 'Nope' }
                [pscustomobject]@{ title = 'Ambiguous'; field_tags = 'Drupal' }
            )
            $writes = Get-Writes
            $results = @($rows | Import-DrupalEntity node article -ErrorVariable problems -ErrorAction SilentlyContinue)
            $results.Action | Should -Be 'Failed', 'Failed'
            $results[0].Error | Should -Match "'Nope'"
            $results[0].Error | Should -Match 'CreateMissingReferences'
            $results[1].Error | Should -Match ([regex]::Escape($twin.id))
            $results[1].Error | Should -Match ([regex]::Escape((Get-TagUuid 2)))
            ($problems | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidRow,*' }) | Should -HaveCount 2
            "$($problems[0])" | Should -BeLike 'Row 1:*'
            Get-Writes | Should -Be $writes
        }

        It 'creates a missing term once with -CreateMissingReferences and uses it for every row that names it' {
            $null = Connect-Writer
            $rows = @(
                [pscustomobject]@{ title = 'First'; field_tags = 'Brand new; Drupal' }
                [pscustomobject]@{ title = 'Second'; field_tags = 'Brand new' }
            )
            $results = @($rows | Import-DrupalEntity node article -CreateMissingReferences -WarningVariable warnings -WarningAction SilentlyContinue)
            $results.Action | Should -Be 'Created', 'Created'
            "$warnings" | Should -Match 'Brand new'
            $terms = @(Get-DrupalEntity taxonomy_term tags -Filter @{ name = 'Brand new' })
            $terms | Should -HaveCount 1
            @((Get-Article $results[0].Id).field_tags) | Should -Be $terms[0].id, (Get-TagUuid 2)
            @((Get-Article $results[1].Id).field_tags) | Should -Be $terms[0].id
        }

        It 'converts Import-Csv rows piped to New-DrupalEntity, and string -Attributes of Set-DrupalEntity' {
            $path = New-Csv 'new.csv' @'
title,field_featured,field_rating,created,body,field_keywords
From a CSV,yes,7,2024-01-02,Plain text,alpha; beta
'@
            $created = Import-Csv $path | New-DrupalEntity node article
            $created.field_featured | Should -BeTrue
            $created.field_rating | Should -Be 7
            [DateTimeOffset]::Parse($created.created, [cultureinfo]::InvariantCulture) | Should -Be ([DateTimeOffset]'2024-01-02T00:00:00Z')
            $created.body.value | Should -Be 'Plain text'
            $created.body.format | Should -Be 'basic_html'
            @($created.field_keywords) | Should -Be 'alpha', 'beta'
            $updated = $created | Set-DrupalEntity -Attributes @{ field_featured = 'FALSE'; field_rating = '3' } -PassThru
            $updated.field_featured | Should -BeFalse
            $updated.field_rating | Should -Be 3
        }

        It 'learns a bundle''s fields once per connection for Set-DrupalEntity, however many calls' {
            $first = New-DrupalEntity node article -Attributes @{ title = 'One call' }
            $null = Set-DrupalEntity node article -Id $first.id -Attributes @{ field_rating = '2' }
            $reads = (Get-Stats).jsonapiRequests - (Get-Stats).jsonapiWrites
            foreach ($rating in '3', '4', '5') { $null = Set-DrupalEntity node article -Id $first.id -Attributes @{ field_rating = $rating } }
            (Get-Stats).jsonapiRequests - (Get-Stats).jsonapiWrites | Should -Be $reads
            (Get-DrupalEntity node article -Id $first.id).field_rating | Should -Be 5
        }

        It 'refuses a piped row to New-DrupalEntity whose cell cannot convert, naming the field and value' {
            $writes = Get-Writes
            $null = [pscustomobject]@{ title = 'Bad'; field_featured = 'maybe' } | New-DrupalEntity node article -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems | Should -HaveCount 1
            "$($problems[0])" | Should -Match 'field_featured'
            "$($problems[0])" | Should -Match 'maybe'
            Get-Writes | Should -Be $writes
        }
    }

    Context 'pre-flight' {
        BeforeAll {
            $rows = foreach ($i in 1..100) { [ordered]@{ title = "Row $i"; field_featured = 'yes'; field_rating = "$i"; field_tags = 'Drupal' } }
            $rows[3].field_featured = 'maybe'
            $rows[16].field_rating = '7.5'
            $rows[87].field_tags = 'Drupl'
            $script:hundred = New-Csv 'hundred.csv' (($rows | ForEach-Object { [pscustomobject] $_ } | ConvertTo-Csv) -join "`n")
        }

        It 'writes nothing when 3 rows of 100 are invalid, and reports all three' {
            $writes = Get-Writes
            $results = @(Import-DrupalEntity node article -Path $hundred -ErrorVariable problems -ErrorAction SilentlyContinue)
            Get-Writes | Should -Be $writes
            $results | Should -HaveCount 100
            ($results | Where-Object Action -EQ Failed).Row | Should -Be 4, 17, 88
            @($results | Where-Object Action -EQ Skipped) | Should -HaveCount 97
            $invalid = @($problems | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidRow,*' })
            $invalid | Should -HaveCount 3
            "$($invalid[0])" | Should -Match "^Row 4: .*field_featured.*'maybe'"
            "$($invalid[1])" | Should -Match "^Row 17: .*field_rating.*'7\.5'"
            "$($invalid[2])" | Should -Match "^Row 88: .*field_tags.*'Drupl'"
            $stopped = @($problems | Where-Object { $_.FullyQualifiedErrorId -like 'ImportStopped,*' })
            $stopped | Should -HaveCount 1
            "$($stopped[0])" | Should -Match '3 of 100 rows are invalid \(rows 4, 17, 88\)'
            "$($stopped[0])" | Should -Match 'SkipInvalidRows'
        }

        It 'writes the valid rows with -SkipInvalidRows' {
            $results = @(Import-DrupalEntity node article -Path $hundred -SkipInvalidRows -ErrorAction SilentlyContinue)
            @($results | Where-Object Action -EQ Created) | Should -HaveCount 97
            ($results | Where-Object Action -EQ Failed).Row | Should -Be 4, 17, 88
            (Get-Stats).entitiesCreated | Should -Be 97
        }

        It 'gives every row a typed result, with a table view, and a report through Export-Csv' {
            $results = @(Import-DrupalEntity node article -Path $hundred -ErrorAction SilentlyContinue)
            $results[0].PSObject.TypeNames | Should -Contain 'DrupalOAuth.ImportResult'
            $results[0] -is [DrupalOAuth.ImportResult] | Should -BeTrue
            $table = $results | Select-Object -First 5 | Format-Table | Out-String -Width 200
            $table | Should -Match 'Row\s+Action\s+Id\s+Label\s+Changed\s+Error'
            $report = Join-Path $TestDrive 'report.csv'
            $results | Export-Csv -LiteralPath $report
            $lines = @(Import-Csv -LiteralPath $report)
            $lines | Should -HaveCount 100
            $lines[0].PSObject.Properties.Name | Should -Be 'Row', 'Action', 'Id', 'Label', 'Changed', 'Error'
            $lines[3].Action | Should -Be 'Failed'
            $lines[3].Error | Should -Match 'maybe'
            Get-Content -Raw -LiteralPath $report | Should -Not -Match 'System\.String\[\]'
        }
    }

    Context 'updates' {
        It 'plans under -WhatIf: WouldUpdate and WouldCreate with the fields that would be sent, and writes nothing' {
            $rows = @(
                [pscustomobject]@{ id = (Get-Uuid 3); title = 'Article 3 renamed'; field_featured = 'TRUE' }
                [pscustomobject]@{ id = (Get-Uuid 4); title = 'Article 4'; field_featured = 'FALSE' }
                [pscustomobject]@{ id = ''; title = 'Brand new article'; field_featured = 'no'; field_tags = 'Not yet a tag' }
            )
            $writes = Get-Writes
            $results = @($rows | Import-DrupalEntity node article -CreateMissingReferences -WhatIf -WarningAction SilentlyContinue)
            $results.Action | Should -Be 'WouldUpdate', 'Unchanged', 'WouldCreate'
            $results[0].Changed | Should -Be 'title'
            # Changed is the names joined with ', ', so that Export-Csv writes them whole.
            $results[2].Changed -split ', ' | Should -Contain 'title'
            $results[2].Changed -split ', ' | Should -Contain 'field_tags'
            Get-Writes | Should -Be $writes
            @(Get-DrupalEntity taxonomy_term tags -Filter @{ name = 'Not yet a tag' }) | Should -HaveCount 0
        }

        It 'matches rows by -Key in bulk, and sends only the fields that differ' {
            $rows = foreach ($nid in 1..25) { [pscustomobject]@{ field_external_id = 'EXT-{0:D4}' -f $nid; title = "Article $nid" } }
            $rows[9].title = 'Article 10 by key'
            $before = (Get-Stats).jsonapiRequests
            $results = @($rows | Import-DrupalEntity node article -Key field_external_id)
            ($results | Where-Object Action -EQ Updated).Id | Should -Be (Get-Uuid 10)
            @($results | Where-Object Action -EQ Unchanged) | Should -HaveCount 24
            (Get-Article (Get-Uuid 10)).title | Should -Be 'Article 10 by key'
            # One key lookup for 25 rows, one PATCH, and what learning the fields takes: not a request per row.
            (Get-Stats).jsonapiRequests - $before | Should -BeLessOrEqual 10
        }

        It 'makes exactly one entity when a create''s answer was lost and the same import runs again' {
            $rows = @([pscustomobject]@{ title = 'Only once'; field_external_id = 'EXT-9001' })
            # The connection reads the JSON:API index at its first use: done here, so that the second plan counts only its own reads.
            $null = $rows | Import-DrupalEntity node article -Key field_external_id -WhatIf
            $before = (Get-Stats).jsonapiRequests
            $null = $rows | Import-DrupalEntity node article -Key field_external_id -WhatIf
            $reads = (Get-Stats).jsonapiRequests - $before
            # The pre-flight's reads go through; the create is carried out and its answer lost.
            Add-DrupalTestServerFault -Server $Server -Route jsonapi -Kind delay -Milliseconds 0 -Count $reads
            Add-DrupalTestServerFault -Server $Server -Route jsonapi -Kind resetafter
            $first = $rows | Import-DrupalEntity node article -Key field_external_id -MaximumRetryCount 0 -ErrorVariable problems -ErrorAction SilentlyContinue
            $first.Action | Should -Be 'Failed'
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionLost,*'
            "$($problems[0])" | Should -BeLike 'Row 1:*'
            (Get-Stats).entitiesCreated | Should -Be 1

            $second = $rows | Import-DrupalEntity node article -Key field_external_id
            $second.Action | Should -Be 'Unchanged'
            $second.Id | Should -Be $first.Id
            @(Get-DrupalEntity node article -Filter @{ field_external_id = 'EXT-9001' }) | Should -HaveCount 1
            (Get-Stats).entitiesCreated | Should -Be 1
        }
    }

    Context 'as a consumer with only the bundle''s permissions' {
        BeforeEach { $null = Connect-Writer }

        It 'names users by their display names, which is all it may see of them' {
            $rows = @(
                [pscustomobject]@{ title = 'By editor'; uid = 'editor' }
                [pscustomobject]@{ title = 'By nobody'; uid = 'nobody' }
            )
            $results = @($rows | Import-DrupalEntity node article -WhatIf -SkipInvalidRows -ErrorAction SilentlyContinue)
            $results[0].Action | Should -Be 'WouldCreate'
            $results[0].Changed -split ', ' | Should -Contain 'uid'
            $results[1].Action | Should -Be 'Failed'
            $results[1].Error | Should -Match "'nobody'"
        }

        It 'imports an exported sheet back with no write, and changes a title without sending status' {
            $path = Join-Path $TestDrive 'writer.csv'
            $null = Export-DrupalEntity node article -Path $path
            $writes = Get-Writes
            $results = @(Import-DrupalEntity node article -Path $path)
            $results.Action | Sort-Object -Unique | Should -Be 'Unchanged'
            Get-Writes | Should -Be $writes
            $rows = @(Import-Csv $path)
            $rows[4].title = 'Article 5 by the writer'
            $rows | Export-Csv $path -Encoding utf8BOM
            $results = @(Import-DrupalEntity node article -Path $path)
            ($results | Where-Object Action -EQ Updated).Changed | Should -Be 'title'
            (Get-Article (Get-Uuid 5)).title | Should -Be 'Article 5 by the writer'
        }
    }
}
