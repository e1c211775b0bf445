# Import-DrupalContent against the test server in read-write mode, emptied first: the fixture core-content is article 6
# of the seeded site as Drupal 11.4's content:export --with-dependencies writes it (its author, three tags, one of them
# as JSON, its image and the image's bytes). admin-client may make terms and set every node field; writer-client has
# only the bundle's create and edit permissions and "create terms in tags", as an import job's consumer should.
Describe 'Import-DrupalContent' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $script:Fixture = Join-Path $PSScriptRoot 'fixtures/core-content'
        $script:ArticleUuid = '00000006-d7a1-4c3e-9f00-000000000006'
        $script:AuthorUuid = '00000002-05e4-4c3e-9f00-000000000002'
        $script:FileUuid = '00000002-f11e-4c3e-9f00-000000000002'
        $script:TagUuids = @('00000001-7a95-4c3e-9f00-000000000001', '00000002-7a95-4c3e-9f00-000000000002', '00000005-7a95-4c3e-9f00-000000000005')
        function Connect-Admin { Connect-Backend -ClientId 'admin-client' -Secret 'admin-secret' -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 } }
        function Connect-Writer { Connect-Backend -ClientId 'writer-client' -Secret 'writer-secret' -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 } }
        function Get-Writes { (Get-Stats).jsonapiWrites }
        function Get-Resource([string] $Path) { Invoke-DrupalRequest -Path $Path }

        # A copy of the fixture in TestDrive, each file's text changed by $Edit (path → text → text); files named in $Remove left out.
        function Copy-Fixture([string] $Name, [scriptblock] $Edit = { param($path, $text) $text }, [string[]] $Remove = @()) {
            $target = Join-Path $TestDrive $Name
            Copy-Item -LiteralPath $Fixture -Destination $target -Recurse
            foreach ($file in Get-ChildItem -LiteralPath $target -Recurse -File -Include '*.yml', '*.json') {
                if ($Remove -contains $file.Name) { Remove-Item -LiteralPath $file.FullName; continue }
                $text = [IO.File]::ReadAllText($file.FullName)
                [IO.File]::WriteAllText($file.FullName, (& $Edit $file.FullName $text), [Text.UTF8Encoding]::new($false))
            }
            $target
        }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
        Clear-DrupalTestServerContent -Server $Server
        $null = Connect-Admin
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'a folder written by core''s exporter, into an empty site' {
        It 'creates each entity after what it references, keeping the UUIDs but the uploaded file''s' {
            $results = @(Import-DrupalContent -Path $Fixture)

            $results | Should -HaveCount 6
            ($results | Where-Object EntityType -eq 'user').Action | Should -Be 'Unchanged'
            @($results | Where-Object EntityType -ne 'user').Action | Sort-Object -Unique | Should -Be 'Created'
            $node = [array]::IndexOf($results.Uuid, $ArticleUuid)
            foreach ($uuid in $TagUuids + $FileUuid) { [array]::IndexOf($results.Uuid, $uuid) | Should -BeLessThan $node }
            ($results | Where-Object EntityType -eq 'taxonomy_term').Path | Should -Match '\.(yml|json)$'

            $article = (Get-Resource "jsonapi/node/article/$ArticleUuid").data
            $article.attributes.title | Should -Be 'Article 6'
            $article.attributes.body.value | Should -Be '<p>Body of article 6.</p>'
            $article.attributes.field_keywords | Should -Be @('alpha', 'beta')
            $article.relationships.uid.data.id | Should -Be $AuthorUuid
            $article.relationships.field_tags.data.id | Should -Be $TagUuids
            foreach ($uuid in $TagUuids) { (Get-Resource "jsonapi/taxonomy_term/tags/$uuid").data.id | Should -Be $uuid }
            $image = $article.relationships.field_image.data
            $image.id | Should -Not -Be $FileUuid -Because 'an upload gets a UUID of the site''s choosing'
            $image.meta.alt | Should -Be 'Image of article 6'
            ($results | Where-Object EntityType -eq 'file').Notes | Should -Match $image.id
        }

        It 'uploads the image''s bytes as they are in the folder' {
            $null = Import-DrupalContent -Path $Fixture
            $article = (Get-Resource "jsonapi/node/article/$ArticleUuid").data
            $file = (Get-Resource "jsonapi/file/file/$($article.relationships.field_image.data.id)").data
            $file.attributes.filename | Should -Be 'image-2.png'
            $served = Join-Path $TestDrive 'served.png'
            Invoke-WebRequest -Uri ($Uri + $file.attributes.uri.url) -OutFile $served
            (Get-FileHash -LiteralPath $served).Hash | Should -Be (Get-FileHash -LiteralPath (Join-Path $Fixture 'file/image-2.png')).Hash
        }

        It 'says per entity that JSON:API cannot create a translation, never dropping one silently' {
            $results = @(Import-DrupalContent -Path $Fixture)
            ($results | Where-Object Uuid -eq $ArticleUuid).Notes | Should -Match 'translation es not written'
        }

        It 'imported again, finds every entity unchanged and writes nothing' {
            $null = Import-DrupalContent -Path $Fixture
            $writes = Get-Writes
            $again = @(Import-DrupalContent -Path $Fixture)
            $again.Action | Sort-Object -Unique | Should -Be 'Unchanged'
            Get-Writes | Should -Be $writes
        }

        It 'uploads the image when the site gave the folder''s file UUID to another upload, and finds it on the next run' {
            # Uploads get UUIDs of the site's choosing: a folder whose file UUID the site has given to another file
            # (made here by writing that UUID into a copy of the fixture) must not take that file for its own.
            $other = Join-Path $TestDrive 'other.png'
            [IO.File]::WriteAllBytes($other, [byte[]](1..200))
            $taken = (New-DrupalFile -EntityType node -Bundle article -Field field_image -Path $other -FileName 'other.png').id
            $folder = Join-Path $TestDrive 'collision'
            Copy-Item -LiteralPath $Fixture -Destination $folder -Recurse
            foreach ($file in Get-ChildItem -LiteralPath $folder -Recurse -File -Include '*.yml', '*.json') {
                [IO.File]::WriteAllText($file.FullName, ([IO.File]::ReadAllText($file.FullName) -replace $FileUuid, $taken))
            }
            Rename-Item -LiteralPath (Join-Path $folder "file/$FileUuid.yml") -NewName "$taken.yml"

            $file = Import-DrupalContent -Path $folder | Where-Object Uuid -eq $taken
            $file.Action | Should -Be 'Created'
            $article = (Get-Resource "jsonapi/node/article/$ArticleUuid").data
            $article.relationships.field_image.data.id | Should -Not -Be $taken
            (Get-Resource "jsonapi/file/file/$($article.relationships.field_image.data.id)").data.attributes.filename | Should -Be 'image-2.png'
            $writes = Get-Writes
            @(Import-DrupalContent -Path $folder).Action | Sort-Object -Unique | Should -Be 'Unchanged'
            Get-Writes | Should -Be $writes
        }

        It 'with -WhatIf says what it would create and writes nothing' {
            $results = @(Import-DrupalContent -Path $Fixture -WhatIf)
            @($results | Where-Object EntityType -ne 'user').Action | Sort-Object -Unique | Should -Be 'WouldCreate'
            Get-Writes | Should -Be 0
        }
    }

    Context 'the seeded site the fixture was written from' {
        BeforeEach {
            Reset-DrupalTestServer -Server $Server
            Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
        }

        It 'finds every entity of the fixture unchanged, its Spanish translation included, and writes nothing' {
            $results = @(Import-DrupalContent -Path $Fixture)
            $results.Action | Sort-Object -Unique | Should -Be 'Unchanged'
            ($results.Notes -join '') | Should -BeNullOrEmpty
            Get-Writes | Should -Be 0
        }

        It 'sends a changed translation under its language prefix' {
            $folder = Copy-Fixture 'translated' -Edit { param($path, $text) $text.Replace("'Artículo 6'", "'Artículo seis'") }
            $article = Import-DrupalContent -Path $folder | Where-Object Uuid -eq $ArticleUuid
            $article.Action | Should -Be 'Updated'
            $article.Changed | Should -Be 'translations.es.title'
            (Get-Stats).jsonapiLog | Where-Object { $_ -like 'PATCH *' } | Should -Be "PATCH /es/jsonapi/node/article/$ArticleUuid"
            (Get-Resource "es/jsonapi/node/article/$ArticleUuid").data.attributes.title | Should -Be 'Artículo seis'
            (Get-Resource "jsonapi/node/article/$ArticleUuid").data.attributes.title | Should -Be 'Article 6'
        }
    }

    Context '-Existing' {
        BeforeEach {
            $null = Import-DrupalContent -Path $Fixture
            $null = Set-DrupalEntity node article -Id $ArticleUuid -Attributes @{ title = 'Changed on the site' }
            $script:WritesBefore = Get-Writes
        }

        It 'Update (the default) sends only the fields that differ' {
            $article = Import-DrupalContent -Path $Fixture | Where-Object Uuid -eq $ArticleUuid
            $article.Action | Should -Be 'Updated'
            $article.Changed | Should -Be 'title'
            Get-Writes | Should -Be ($WritesBefore + 1)
            (Get-Resource "jsonapi/node/article/$ArticleUuid").data.attributes.title | Should -Be 'Article 6'
        }

        It 'Skip leaves what exists as it is' {
            $results = @(Import-DrupalContent -Path $Fixture -Existing Skip)
            ($results | Where-Object Uuid -eq $ArticleUuid).Action | Should -Be 'Skipped'
            Get-Writes | Should -Be $WritesBefore
            (Get-Resource "jsonapi/node/article/$ArticleUuid").data.attributes.title | Should -Be 'Changed on the site'
        }

        It 'Error fails each entity that exists, with an error record' {
            $results = @(Import-DrupalContent -Path $Fixture -Existing Error -ErrorVariable failures -ErrorAction SilentlyContinue)
            ($results | Where-Object Uuid -eq $ArticleUuid).Action | Should -Be 'Failed'
            $failures.FullyQualifiedErrorId | Should -Contain 'ContentExists,DrupalOAuth.Commands.ImportDrupalContentCommand'
            Get-Writes | Should -Be $WritesBefore
        }
    }

    Context 'what the site lacks' {
        It 'fails the entities that reference a user the site lacks, naming it, unless -DefaultUser is given' {
            $stranger = '0000000a-05e4-4c3e-9f00-00000000000a'
            $folder = Copy-Fixture 'stranger' -Edit { param($path, $text) if ($path -like '*node*') { $text.Replace($AuthorUuid, $stranger) } else { $text } }

            $results = @(Import-DrupalContent -Path $folder -ErrorVariable failures -ErrorAction SilentlyContinue)
            $article = $results | Where-Object Uuid -eq $ArticleUuid
            $article.Action | Should -Be 'Failed'
            $article.Error | Should -Match $stranger
            $failures.FullyQualifiedErrorId | Should -Contain 'MissingUser,DrupalOAuth.Commands.ImportDrupalContentCommand'
            @($results | Where-Object EntityType -eq 'taxonomy_term').Action | Sort-Object -Unique | Should -Be 'Created'

            $mapped = @(Import-DrupalContent -Path $folder -DefaultUser api_user -WarningVariable warnings -WarningAction SilentlyContinue)
            ($mapped | Where-Object Uuid -eq $ArticleUuid).Action | Should -Be 'Created'
            $warnings | Should -HaveCount 1
            "$warnings" | Should -Match $stranger
            (Get-Resource "jsonapi/node/article/$ArticleUuid").data.relationships.uid.data.id | Should -Be $AuthorUuid
        }

        It 'stops before any write when -DefaultUser names no user of the site' {
            $folder = Copy-Fixture 'stranger2' -Edit { param($path, $text) if ($path -like '*node*') { $text.Replace($AuthorUuid, '0000000b-05e4-4c3e-9f00-00000000000b') } else { $text } }
            { Import-DrupalContent -Path $folder -DefaultUser nobody } | Should -Throw -ErrorId 'DefaultUserNotFound,DrupalOAuth.Commands.ImportDrupalContentCommand'
            Get-Writes | Should -Be 0
        }

        It 'fails an entity that references one neither in the folder nor on the site, naming the UUID' {
            $folder = Copy-Fixture 'no-oauth' -Remove '00000005-7a95-4c3e-9f00-000000000005.json'
            $results = @(Import-DrupalContent -Path $folder -ErrorAction SilentlyContinue)
            $article = $results | Where-Object Uuid -eq $ArticleUuid
            $article.Action | Should -Be 'Failed'
            $article.Error | Should -Match '00000005-7a95-4c3e-9f00-000000000005'
            { Get-Resource "jsonapi/node/article/$ArticleUuid" } | Should -Throw
        }

        It 'stops before any write when a file of the folder does not parse' {
            $folder = Copy-Fixture 'broken'
            Set-Content -LiteralPath (Join-Path $folder 'node/broken.yml') -Value "_meta: [unclosed"
            $results = @(Import-DrupalContent -Path $folder -ErrorVariable failures -ErrorAction SilentlyContinue)
            $results.Action | Sort-Object -Unique | Should -Be 'Skipped'
            $failures.FullyQualifiedErrorId | Should -Contain 'ImportStopped,DrupalOAuth.Commands.ImportDrupalContentCommand'
            Get-Writes | Should -Be 0
        }
    }

    Context 'a consumer without "administer nodes"' {
        BeforeEach { $null = Connect-Writer }

        It 'creates the article when the values it may not set are the site''s own, telling those that differ' {
            $results = @(Import-DrupalContent -Path $Fixture)
            $article = $results | Where-Object Uuid -eq $ArticleUuid
            $article.Action | Should -Be 'Created'
            $article.Notes | Should -Not -Match 'status'
            (Get-Resource "jsonapi/node/article/$ArticleUuid").data.attributes.status | Should -BeTrue
        }

        It 'reports an unpublished article''s status as not set, without failing it' {
            $folder = Copy-Fixture 'unpublished' -Edit { param($path, $text) if ($path -like '*node*') { $text -replace "(?m)^  status:\n    -\n      value: true", "  status:`n    -`n      value: false" } else { $text } }
            (Get-Content -Raw (Join-Path $folder "node/$ArticleUuid.yml")) | Should -Match 'value: false'
            $article = Import-DrupalContent -Path $folder | Where-Object Uuid -eq $ArticleUuid
            $article.Action | Should -Be 'Created'
            $article.Notes | Should -Match 'status not set'
        }
    }

    Context 'a job killed half-way' {
        BeforeAll {
            . (Join-Path $PSScriptRoot 'ChildProcess.ps1')
            # 150 tags and 150 articles each tagged with one: enough writes to kill the job among them.
            $script:Big = Join-Path $TestDrive 'big'
            $null = New-Item -ItemType Directory -Path (Join-Path $Big 'taxonomy_term'), (Join-Path $Big 'node')
            foreach ($i in 1..150) {
                $tag = '{0:x8}-7a95-4c3e-9f00-{0:x12}' -f (100 + $i)
                $node = '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f (100 + $i)
                [IO.File]::WriteAllText((Join-Path $Big "taxonomy_term/$tag.yml"), "_meta:`n  version: '1.0'`n  entity_type: taxonomy_term`n  uuid: $tag`n  bundle: tags`n  default_langcode: en`ndefault:`n  name:`n    -`n      value: 'Tag $i'`n")
                [IO.File]::WriteAllText((Join-Path $Big "node/$node.yml"), "_meta:`n  version: '1.0'`n  entity_type: node`n  uuid: $node`n  bundle: article`n  default_langcode: en`n  depends:`n    ${tag}: taxonomy_term`ndefault:`n  title:`n    -`n      value: 'Imported $i'`n  field_tags:`n    -`n      entity: $tag`n")
            }
            $script:Job = Join-Path $TestDrive 'job.ps1'
            Set-Content -LiteralPath $Job -Value @'
param($Module, $Uri, $Folder)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$null = Connect-DrupalApi -Uri $Uri -ClientId 'admin-client' -ClientSecret (ConvertTo-SecureString 'admin-secret' -AsPlainText -Force) -SkipAdminCheck -RetryIntervalSec 0
$results = @(Import-DrupalContent -Path $Folder -ThrottleLimit 4)
"entities: $($results.Count); failed: $(@($results | Where-Object Action -eq 'Failed').Count)"
'@
            $script:ModulePath = Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1'
        }

        It 'run again, ends complete with no duplicates' {
            Set-DrupalTestServerDelay -Server $Server -Route jsonapi-writes -Milliseconds 10
            $killed = Start-Pwsh -ArgumentList @('-File', $Job, $ModulePath, $Uri, $Big)
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ((Get-Writes) -lt 60 -and [DateTime]::UtcNow -lt $deadline -and -not $killed.Process.HasExited) { Start-Sleep -Milliseconds 10 }
            $killed.Process.HasExited | Should -BeFalse -Because 'the job is killed while it writes'
            $killed.Process.Kill($true)
            $null = $killed | Wait-Pwsh -TimeoutSec 10
            Get-Writes | Should -BeLessThan 300

            $again = Start-Pwsh -ArgumentList @('-File', $Job, $ModulePath, $Uri, $Big) | Wait-Pwsh -TimeoutSec 120
            $again.ExitCode | Should -Be 0 -Because $again.Text
            $again.Output | Should -Match 'entities: 300; failed: 0'

            $articles = @(Get-DrupalEntity node article -All)
            $articles | Should -HaveCount 150
            @($articles.title | Sort-Object -Unique) | Should -HaveCount 150
            @(Get-DrupalEntity taxonomy_term tags -All) | Should -HaveCount 150
            $last = @(Import-DrupalContent -Path $Big)
            $last.Action | Sort-Object -Unique | Should -Be 'Unchanged'
        }
    }
}
