# Incremental reads: Get-DrupalEntity -ChangedSince, -StatePath and -IncludeDeleted against the test server in
# read-write mode, as editor-client (who may see, change and delete every article).
Describe 'Incremental reads' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $command = 'DrupalOAuth.Commands.GetDrupalEntityCommand'
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
        function Set-Title([int] $Nid, [string] $Title) { $null = Set-DrupalEntity node article -Id (Get-Uuid $Nid) -Attributes @{ title = $Title } }
        function Get-JsonApiCount { (Get-Stats).jsonapiRequests }
        # Waits for the start of a second, so that what follows (a few fast requests) happens within one second.
        function Wait-SecondStart {
            while ([DateTimeOffset]::UtcNow.Millisecond -gt 100) { Start-Sleep -Milliseconds 20 }
        }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
        $null = Connect-Backend -ClientId 'editor-client' -Secret 'editor-secret' -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 }
        # The connection reads the JSON:API index at its first use: done here, so that the counts below are the reads.
        $null = Get-DrupalEntity node page -First 1
        $state = Join-Path $TestDrive "state-$([guid]::NewGuid().ToString('N')).json"
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'three runs with -StatePath' {
        It 'reads everything, then exactly the changes and deletions, then nothing' {
            $first = @(Get-DrupalEntity node article -StatePath $state -IncludeDeleted)
            $first | Should -HaveCount 25
            $first.changed | Should -Be ($first.changed | Sort-Object) -Because 'the read is in the order of changed'
            Test-Path $state | Should -BeTrue

            3, 7, 11 | ForEach-Object { Set-Title $_ "Changed $_" }
            Remove-DrupalEntity node article -Id (Get-Uuid 20) -Force
            $second = @(Get-DrupalEntity node article -StatePath $state -IncludeDeleted)
            $second | Should -HaveCount 4
            @($second[0..2].title) | Should -Be @('Changed 3', 'Changed 7', 'Changed 11')
            $second[3].PSObject.TypeNames[0] | Should -Be 'DrupalOAuth.DeletedEntity'
            $second[3].id | Should -Be (Get-Uuid 20)
            $second[3].type | Should -Be 'node--article'
            $second[3].deleted | Should -BeTrue
            ($second | Out-String -Width 200) | Should -Match "node--article\s+$(Get-Uuid 20)\s+\(deleted\)" -Because 'one table, the deleted entity in it'

            $before = Get-JsonApiCount
            @(Get-DrupalEntity node article -StatePath $state) | Should -HaveCount 0
            (Get-JsonApiCount) - $before | Should -Be 1 -Because 'one page of changes, none of them new'
            $before = Get-JsonApiCount
            @(Get-DrupalEntity node article -StatePath $state -IncludeDeleted) | Should -HaveCount 0
            (Get-JsonApiCount) - $before | Should -Be 2 -Because 'the changes, then one page of the 24 ids'
        }

        It 'writes again an article changed twice within one second, and never one unchanged' {
            $null = Get-DrupalEntity node article -StatePath $state
            for ($try = 1; $try -le 5; $try++) {
                Wait-SecondStart
                Set-Title 5 "Once $try"
                $once = @(Get-DrupalEntity node article -StatePath $state)
                Set-Title 5 "Twice $try"
                $twice = @(Get-DrupalEntity node article -StatePath $state)
                if ($twice.Count -eq 1 -and $once[0].changed -eq $twice[0].changed) { break }
            }
            $once.title | Should -Be "Once $try"
            $twice.title | Should -Be "Twice $try" -Because 'the second change came within the second of the watermark'
            $twice[0].changed | Should -Be $once[0].changed
            @(Get-DrupalEntity node article -StatePath $state) | Should -HaveCount 0
        }

        It 'learns the ids of a state kept without them, with a warning, and finds deletions from the next run on' {
            $null = Get-DrupalEntity node article -StatePath $state
            Remove-DrupalEntity node article -Id (Get-Uuid 6) -Force
            @(Get-DrupalEntity node article -StatePath $state -IncludeDeleted -WarningVariable warned -WarningAction SilentlyContinue) | Should -HaveCount 0
            "$warned" | Should -BeLike '*held no ids*deletions before this run cannot be known*'
            Remove-DrupalEntity node article -Id (Get-Uuid 8) -Force
            $gone = @(Get-DrupalEntity node article -StatePath $state -IncludeDeleted)
            $gone.id | Should -Be (Get-Uuid 8)
            $gone.deleted | Should -BeTrue
        }

        It 'reads in batches with -First, the state going on from the last item written' {
            @(Get-DrupalEntity node article -StatePath $state -First 10).title | Should -Be (1..10 | ForEach-Object { "Article $_" })
            @(Get-DrupalEntity node article -StatePath $state -First 10).title | Should -Be (11..20 | ForEach-Object { "Article $_" })
            @(Get-DrupalEntity node article -StatePath $state) | Should -HaveCount 5
        }
    }

    Context 'a run that does not complete leaves the state as it was' {
        It 'Select-Object -First stops the run: no state is written' {
            $null = Get-DrupalEntity node article -StatePath $state | Select-Object -First 1
            Test-Path $state | Should -BeFalse

            $null = Get-DrupalEntity node article -StatePath $state -First 1
            $written = Get-Content $state -Raw
            $cut = @(Get-DrupalEntity node article -StatePath $state -PageSize 5 | Select-Object -First 3)
            $cut | Should -HaveCount 3
            Get-Content $state -Raw | Should -BeExactly $written
            @(Get-DrupalEntity node article -StatePath $state) | Should -HaveCount 24 -Because 'the cut run''s items come again'
        }

        It 'a run that fails writes no state' {
            $null = Get-DrupalEntity node article -StatePath $state
            $written = Get-Content $state -Raw
            Set-Title 2 'Changed 2'
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body @{ route = 'jsonapi'; kind = 'status'; status = 500; count = 10 }
            { Get-DrupalEntity node article -StatePath $state -MaximumRetryCount 0 } | Should -Throw
            Get-Content $state -Raw | Should -BeExactly $written
            Reset-DrupalTestServer -Server $Server
        }
    }

    Context 'a state file belongs to one read' {
        It 'is refused for another <what>' -ForEach @(
            @{ what = 'resource type'; call = { Get-DrupalEntity node page -StatePath $state }; says = '*node--article, and this read is of node--page*' }
            @{ what = 'filter'; call = { Get-DrupalEntity node article -StatePath $state -Filter @{ status = 1 } }; says = '*another -Filter*' }
            @{ what = 'language'; call = { Get-DrupalEntity node article -StatePath $state -Language es }; says = '*another -Filter, -Language*' }
        ) {
            $null = Get-DrupalEntity node article -StatePath $state
            $before = Get-JsonApiCount
            $call | Should -Throw -ErrorId "StateMismatch,$command" -ExpectedMessage $says
            (Get-JsonApiCount) | Should -Be $before -Because 'nothing is read'
        }

        It 'is refused for another site' {
            $null = Get-DrupalEntity node article -StatePath $state
            (Get-Content $state -Raw) -replace '"site": "[^"]*"', '"site": "https://other.example.com/"' | Set-Content $state
            { Get-DrupalEntity node article -StatePath $state } | Should -Throw -ErrorId "StateMismatch,$command" -ExpectedMessage '*site https://other.example.com/*'
        }

        It 'a damaged state file is InvalidState naming it' {
            Set-Content $state '{ "version": 1, "site": '
            { Get-DrupalEntity node article -StatePath $state } | Should -Throw -ErrorId "InvalidState,$command" -ExpectedMessage "*$state*"
        }

        It 'refuses <case> before sending anything' -ForEach @(
            @{ case = '-IncludeDeleted without -StatePath'; call = { Get-DrupalEntity node article -IncludeDeleted -All } }
            @{ case = '-Sort with -ChangedSince'; call = { Get-DrupalEntity node article -ChangedSince '2026-01-01' -Sort title } }
            @{ case = '-Raw with -StatePath'; call = { Get-DrupalEntity node article -StatePath $state -Raw } }
        ) {
            $before = Get-JsonApiCount
            $call | Should -Throw -ErrorId "InvalidArgument,$command"
            (Get-JsonApiCount) | Should -Be $before
        }
    }

    Context '-ChangedSince' {
        It 'after 10 changes among 5,000 articles reads them with one request' {
            Set-DrupalTestServerContent -Server $Server -Articles 5000
            $since = [DateTimeOffset]::FromUnixTimeSeconds([DateTimeOffset]::UtcNow.ToUnixTimeSeconds())
            1..10 | ForEach-Object { Set-Title ($_ * 400) "Changed $($_ * 400)" }
            $before = Get-JsonApiCount
            $changed = @(Get-DrupalEntity node article -ChangedSince $since -All)
            (Get-JsonApiCount) - $before | Should -BeLessOrEqual 2
            $changed | Should -HaveCount 10
            $changed.title | Should -Be (1..10 | ForEach-Object { "Changed $($_ * 400)" })
        }

        It 'and -StatePath together read from the later of the two' {
            $null = Get-DrupalEntity node article -StatePath $state
            Set-Title 4 'Changed 4'
            @(Get-DrupalEntity node article -StatePath $state -ChangedSince '2000-01-01').title | Should -Be 'Changed 4'
            @(Get-DrupalEntity node article -StatePath $state -ChangedSince ([DateTimeOffset]::UtcNow.AddDays(1))) | Should -HaveCount 0
        }

        It 'says what it reads with -Verbose' {
            $lines = Get-DrupalEntity node article -ChangedSince '2026-12-06T02:00:00Z' -StatePath $state -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            $lines.Message | Should -Contain "Reading node--article changed since 2026-12-06T02:00:00+00:00 (state $state)."
        }
    }
}
