# Changing content through JSON:API: the test server in read-write mode (tests/DrupalTestServer/README.md), as
# editor-client, whose user may create, edit and delete articles; backend's user may not.
Describe 'Changing content' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
        function Connect-Editor { Connect-Backend -ClientId 'editor-client' -Secret 'editor-secret' -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 } }
        function Add-Fault([string] $Kind, [hashtable] $With = @{}) {
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body (@{ route = 'jsonapi'; kind = $Kind; count = 1 } + $With)
        }
        function Get-Writes { @((Get-Stats).jsonapiLog | Where-Object { $_ -match '^(POST|PATCH|DELETE) ' }) }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
        $null = Connect-Editor
        # The connection reads the JSON:API index at its first use: done here, so that a fault meets the write.
        $null = Get-DrupalEntity node page -First 1
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context '-WhatIf sends nothing at all' {
        It '<cmdlet> -WhatIf makes no request' -ForEach @(
            @{ cmdlet = 'New-DrupalEntity'; call = { New-DrupalEntity node article -Attributes @{ title = 'x' } -WhatIf } }
            @{ cmdlet = 'Set-DrupalEntity'; call = { Set-DrupalEntity node article -Id (Get-Uuid 1) -Attributes @{ title = 'x' } -WhatIf } }
            @{ cmdlet = 'Remove-DrupalEntity'; call = { Remove-DrupalEntity node article -Id (Get-Uuid 1) -WhatIf } }
            @{ cmdlet = 'Remove-DrupalEntity -Force'; call = { Remove-DrupalEntity node article -Id (Get-Uuid 1) -Force -WhatIf } }
            @{ cmdlet = 'New-DrupalFile'; call = { New-DrupalFile -EntityType node -Bundle article -Field field_image -Path $PSCommandPath -WhatIf } }
        ) {
            $before = (Get-Stats).jsonapiRequests
            & $call
            (Get-Stats).jsonapiRequests | Should -Be $before
        }
    }

    Context 'create' {
        It 'creates an entity with a UUID of its own and writes it as Get-DrupalEntity does' {
            $created = New-DrupalEntity node article -Attributes @{ title = 'From PowerShell'; status = $true } -Relationships @{ field_tags = @(Get-DrupalEntity taxonomy_term tags -First 2) }
            $created.title | Should -Be 'From PowerShell'
            $created.type | Should -Be 'node--article'
            $created.id | Should -Match '^[0-9a-f-]{36}$'
            @($created.field_tags) | Should -HaveCount 2
            (Get-DrupalEntity node article -Id $created.id).title | Should -Be 'From PowerShell'
            (Get-Stats).entitiesCreated | Should -Be 1
        }

        It 'takes bare ids for relationships, reading the field''s type from existing entities' {
            $tag = (Get-DrupalEntity taxonomy_term tags -First 1).id
            $created = New-DrupalEntity node article -Attributes @{ title = 'Tagged' } -Relationships @{ field_tags = @($tag) }
            @($created.field_tags) | Should -Be @($tag)
        }

        It 'creates one entity per CSV row' {
            $csv = Join-Path $TestDrive 'articles.csv'
            1..100 | ForEach-Object { [pscustomobject]@{ title = "Imported $_" } } | Export-Csv -Path $csv
            $created = Import-Csv $csv | New-DrupalEntity node article
            $created | Should -HaveCount 100
            (Get-Stats).entitiesCreated | Should -Be 100
        }

        It 'writes one error record per field Drupal refuses (422)' {
            $null = New-DrupalEntity node article -Attributes @{ status = $true } -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -BeGreaterOrEqual 1
            $problems[-1].FullyQualifiedErrorId | Should -BeLike 'UnprocessableEntity,*'
            "$problems" | Should -Match "field 'title'"
        }

        It 'says which setting to change in read-only mode' {
            Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$true
            { New-DrupalEntity node article -Attributes @{ title = 'x' } -ErrorAction Stop } |
                Should -Throw -ErrorId 'MethodNotAllowed,DrupalOAuth.Commands.NewDrupalEntityCommand' -ExpectedMessage '*/admin/config/services/jsonapi*'
        }

        It 'is Forbidden for a consumer whose user may not create' {
            $null = Connect-Backend -With @{ SkipAdminCheck = $true }
            { New-DrupalEntity node article -Attributes @{ title = 'x' } -ErrorAction Stop } | Should -Throw -ErrorId 'Forbidden,DrupalOAuth.Commands.NewDrupalEntityCommand'
        }
    }

    Context 'never lose or duplicate work' {
        It 'does not send a create again after a lost answer: ConnectionLost, and exactly one entity exists' {
            Add-Fault -Kind 'resetafter'
            { New-DrupalEntity node article -Attributes @{ title = 'Once' } -ErrorAction Stop } | Should -Throw -ErrorId 'ConnectionLost,DrupalOAuth.Commands.NewDrupalEntityCommand'
            (Get-Stats).entitiesCreated | Should -Be 1
            @(Get-Writes) | Should -HaveCount 1
        }

        It 'sends it again with -RetryNonIdempotent, recognises the duplicate and reads it back: exactly one entity' {
            Add-Fault -Kind 'resetafter'
            $created = New-DrupalEntity node article -Attributes @{ title = 'Once more' } -RetryNonIdempotent
            $created.title | Should -Be 'Once more'
            (Get-Stats).entitiesCreated | Should -Be 1
            @(Get-Writes) | Should -HaveCount 2
        }

        # Typed values, so that the PATCH is the call's first request and meets the fault: a string would first have
        # the bundle's fields read, to convert it as a sheet's cell.
        It 'does not send a PATCH again after a 502' {
            Add-Fault -Kind 'status' -With @{ status = 502 }
            { Set-DrupalEntity node article -Id (Get-Uuid 1) -Attributes @{ sticky = $true } -ErrorAction Stop } | Should -Throw -ErrorId 'HttpError,DrupalOAuth.Commands.SetDrupalEntityCommand'
            @(Get-Writes) | Should -HaveCount 1
        }

        It 'sends a PATCH again after a 503 with Retry-After' {
            Add-Fault -Kind 'status' -With @{ status = 503; retryAfter = '0' }
            (Set-DrupalEntity node article -Id (Get-Uuid 1) -Attributes @{ sticky = $true } -PassThru).sticky | Should -BeTrue
            @(Get-Writes) | Should -HaveCount 2
        }

        It 'sends a DELETE again after a lost answer and counts the 404 as done' {
            Add-Fault -Kind 'resetafter'
            Remove-DrupalEntity node article -Id (Get-Uuid 2) -Force -ErrorVariable problems
            $problems | Should -BeNullOrEmpty
            (Get-Stats).entitiesDeleted | Should -Be 1
            { Get-DrupalEntity node article -Id (Get-Uuid 2) -ErrorAction Stop } | Should -Throw -ErrorId 'NotFound,*'
        }
    }

    Context 'update and delete from the pipeline' {
        It 'changes only the given fields of 500 entities, writes an error for the one that fails and goes on' {
            Set-DrupalTestServerContent -Server $Server -Articles 500
            $articles = @(Get-DrupalEntity node article -All)
            $broken = [pscustomobject]@{ type = 'node--article'; id = '99999999-d7a1-4c3e-9f00-999999999999' }
            $items = $articles[0..249] + $broken + $articles[250..499]
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $items | Set-DrupalEntity -Attributes @{ sticky = $true } -ErrorVariable problems -ErrorAction SilentlyContinue
            $seconds = $watch.Elapsed.TotalSeconds
            $problems | Should -HaveCount 1
            "$($problems[0])" | Should -Match '99999999-d7a1-4c3e-9f00-999999999999'
            (Get-Stats).entitiesUpdated | Should -Be 500
            $after = Get-DrupalEntity node article -Id $articles[7].id
            $after.sticky | Should -BeTrue
            $after.title | Should -Be $articles[7].title
            Write-Host ("    Set-DrupalEntity over 500 piped entities: {0:N0} entities/s" -f (500 / $seconds))
        }

        It 'asks before deleting, unless -Force or -Confirm:$false' {
            (Get-Command Remove-DrupalEntity).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
            Get-DrupalEntity node article -First 2 | Remove-DrupalEntity -Confirm:$false
            Remove-DrupalEntity node article -Id (Get-Uuid 3) -Force
            (Get-Stats).entitiesDeleted | Should -Be 3
        }
    }

    Context 'file uploads' {
        It 'streams a 20 MB file to a file field, bytes intact, memory flat, and the file is ready for a relationship' {
            $path = Join-Path $TestDrive 'big.bin'
            $bytes = [byte[]]::new(20MB)
            [Random]::new(7).NextBytes($bytes)
            [IO.File]::WriteAllBytes($path, $bytes)
            $sha = (Get-FileHash $path -Algorithm SHA256).Hash.ToLowerInvariant()
            $bytes = $null
            [GC]::Collect()
            $allocated = [GC]::GetTotalAllocatedBytes($true)
            $file = New-DrupalFile -EntityType node -Bundle article -Field field_image -Path $path -FileName 'big.bin'
            $allocatedMB = ([GC]::GetTotalAllocatedBytes($true) - $allocated) / 1MB
            $file.type | Should -Be 'file--file'
            ((Get-Stats).uploads | Select-Object -Last 1).sha256.ToLowerInvariant() | Should -Be $sha
            $allocatedMB | Should -BeLessThan 10 -Because 'the file is streamed, never read whole into memory'
            Write-Host ("    New-DrupalFile of 20 MB: {0:N1} MB allocated by this process" -f $allocatedMB)
            $article = New-DrupalEntity node article -Attributes @{ title = 'With image' } -Relationships @{ field_image = $file }
            $article.field_image | Should -Be $file.id
        }

        It 'attaches a file to an existing entity with -Id' {
            $path = Join-Path $TestDrive 'photo.png'
            [IO.File]::WriteAllBytes($path, [byte[]](1..200))
            $null = New-DrupalFile -EntityType node -Bundle article -Field field_image -Path $path -Id (Get-Uuid 1)
            (Get-DrupalEntity node article -Id (Get-Uuid 1)).field_image | Should -Not -BeNullOrEmpty
        }

        It 'refuses a file name Drupal cannot take before sending anything' {
            $before = (Get-Stats).jsonapiRequests
            { New-DrupalFile -EntityType node -Bundle article -Field field_image -Path $PSCommandPath -FileName 'bad"name.txt' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidFileName,*'
            (Get-Stats).jsonapiRequests | Should -Be $before
        }
    }
}
