# -ThrottleLimit on the write cmdlets (issue 16): several items' requests in flight, results in input order, the
# adaptive limit's back-off on a 429 storm, Ctrl+C with each item either done or reported, and -WhatIf.
Describe 'Parallel writes' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
        function Get-Article([int] $Nid) { [pscustomobject]@{ type = 'node--article'; id = Get-Uuid $Nid } }
        function Connect-Editor { Connect-Backend -ClientId 'editor-client' -Secret 'editor-secret' -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 } }
        $script:ModulePath = Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1'
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
        $null = Connect-Editor
        $null = Get-DrupalEntity node page -First 1
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    It 'updates 500 items 8 at a time: outputs and the one error in input order, 499 done, requests overlapping' {
        Set-DrupalTestServerContent -Server $Server -Articles 500
        Set-DrupalTestServerDelay -Server $Server -Route jsonapi-writes -Milliseconds 20
        Reset-DrupalTestServerConcurrency -Server $Server
        $items = 1..500 | ForEach-Object { if ($_ -eq 250) { Get-Article 999999 } else { Get-Article $_ } }
        $all = @($items | Set-DrupalEntity -Attributes @{ title = 'Parallel' } -PassThru -ThrottleLimit 8 -ErrorAction Continue 2>&1)
        $all | Should -HaveCount 500
        $all[249] | Should -BeOfType System.Management.Automation.ErrorRecord
        $all[249].ToString() | Should -Match '000f423f'
        $done = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        ($done.id -join ',') | Should -Be ((@($items[0..248]) + @($items[250..499])).id -join ',')
        @($done | Where-Object title -ne 'Parallel') | Should -HaveCount 0
        $stats = Get-Stats
        $stats.entitiesUpdated | Should -Be 499
        $stats.jsonapiMaxInFlight | Should -BeGreaterOrEqual 4
        $stats.jsonapiMaxInFlight | Should -BeLessOrEqual 8
    }

    It 'creates and deletes in parallel, in input order' {
        Set-DrupalTestServerDelay -Server $Server -Route jsonapi-writes -Milliseconds 20
        $created = @(1..40 | ForEach-Object { [pscustomobject]@{ title = "Made $_" } } | New-DrupalEntity node article -ThrottleLimit 6)
        ($created.title -join ',') | Should -Be ((1..40 | ForEach-Object { "Made $_" }) -join ',')
        $created | Remove-DrupalEntity -Force -ThrottleLimit 6
        $stats = Get-Stats
        $stats.entitiesCreated | Should -Be 40
        $stats.entitiesDeleted | Should -Be 40
    }

    It 'backs off on a 429 storm and does every item once' {
        Set-DrupalTestServerDelay -Server $Server -Route jsonapi-writes -Milliseconds 20
        $count = 0
        $verbose = @(1..25 + 1..25 | Select-Object -First 25 | ForEach-Object {
                if (++$count -eq 12) { Set-DrupalTestServerStorm -Server $Server -Status 429 -RetryAfterSec 1 -Requests 6 }
                Get-Article $_
            } | Set-DrupalEntity -Attributes @{ title = 'Stormy' } -PassThru -ThrottleLimit 8 -MaximumRetryCount 10 -Verbose 4>&1)
        $entities = @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        ($entities.id -join ',') | Should -Be ((1..25 | ForEach-Object { Get-Uuid $_ }) -join ',')
        $stats = Get-Stats
        $stats.stormAnswers | Should -Be 6
        $stats.entitiesUpdated | Should -Be 25
        @($verbose | Where-Object { "$_" -match 'Drupal answered 429: \d+ requests at once are now \d+' }) | Should -Not -BeNullOrEmpty
    }

    It 'Ctrl+C cancels what is in flight: each item is either written or reported not done' {
        Set-DrupalTestServerDelay -Server $Server -Route jsonapi-writes -Milliseconds 400
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($module, $uri)
                    Import-Module $module
                    $null = Connect-DrupalApi -Uri $uri -ClientId 'editor-client' -ClientSecret (ConvertTo-SecureString 'editor-secret' -AsPlainText -Force) -SkipAdminCheck
                    1..25 | ForEach-Object { [pscustomobject]@{ type = 'node--article'; id = '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $_ } } |
                        Set-DrupalEntity -Attributes @{ title = 'Stopped' } -PassThru -ThrottleLimit 4
                }).AddArgument($ModulePath).AddArgument($Uri)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $null = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ($output.Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $ps.Stop()
            $written = @($output | ForEach-Object id)
            $written.Count | Should -BeGreaterThan 0
            $written.Count | Should -BeLessThan 25
            $warnings = @($ps.Streams.Warning | ForEach-Object Message)
            $warnings[0] | Should -Match "^Set-DrupalEntity stopped after $($written.Count) items? done and written; the items it had taken after them:$"
            $reported = @($warnings | Select-Object -Skip 1 | ForEach-Object { if ($_ -match '\(([0-9a-f-]{36})\): (.+)$') { $Matches[1] } })
            $reported.Count | Should -BeGreaterThan 0
            $warnings | Select-Object -Skip 1 | ForEach-Object { $_ | Should -Match ': (sent, then cancelled: its effect on the site is unknown: check it|not sent|done, but its result was not written)$' }
            # In input order, with no gap: the written items first, then the reported ones, up to the last item taken.
            ($written + $reported) -join ',' | Should -Be ((1..($written.Count + $reported.Count) | ForEach-Object { Get-Uuid $_ }) -join ',')
            # What was not reported as sent was not changed.
            Start-Sleep -Milliseconds 500
            (Get-Stats).entitiesUpdated | Should -BeLessOrEqual ($written.Count + $reported.Count)
        }
        finally { $ps.Dispose() }
    }

    It 'Select-Object -First downstream stops what is in flight at once, and no more items are taken' {
        Set-DrupalTestServerDelay -Server $Server -Route jsonapi-writes -Milliseconds 200
        $taken = 0
        $first = @(1..40 | ForEach-Object { $taken++; Get-Article $_ } | Set-DrupalEntity -Attributes @{ title = 'First' } -PassThru -ThrottleLimit 4 -WarningAction SilentlyContinue 3>$null | Select-Object -First 2)
        $first | Should -HaveCount 2
        $taken | Should -BeLessOrEqual 7
        Start-Sleep -Milliseconds 300
        (Get-Stats).entitiesUpdated | Should -BeLessOrEqual $taken
    }

    It 'imports rows 8 at a time in row order, each missing reference made once before the rows that name it' {
        Set-DrupalTestServerDelay -Server $Server -Route jsonapi-writes -Milliseconds 20
        $null = Connect-Backend -ClientId 'writer-client' -Secret 'writer-secret' -With @{ RetryIntervalSec = 0 }
        $rows = 1..30 | ForEach-Object { [pscustomobject]@{ title = "Row $_"; field_tags = if ($_ % 10 -eq 5) { 'Fresh tag' } elseif ($_ % 10 -eq 7) { "Tag of $_" } else { '' } } }
        $results = @($rows | Import-DrupalEntity node article -CreateMissingReferences -ThrottleLimit 8 -WarningAction SilentlyContinue)
        ($results.Row -join ',') | Should -Be ((1..30) -join ',')
        @($results | Where-Object Action -ne 'Created') | Should -HaveCount 0
        @(Get-DrupalEntity taxonomy_term tags -Filter @{ name = 'Fresh tag' }) | Should -HaveCount 1
        $fresh = (Get-DrupalEntity taxonomy_term tags -Filter @{ name = 'Fresh tag' }).id
        foreach ($number in 5, 15, 25) { @((Get-DrupalEntity node article -Id $results[$number - 1].Id).field_tags) | Should -Be $fresh }
        (Get-Stats).entitiesCreated | Should -Be 34
    }

    It 'stops with one SiteFailing error after ten 5xx in a row, saying how many items were done and which were not' {
        $null = 1..3 | ForEach-Object { Get-Article $_ } | Set-DrupalEntity -Attributes @{ title = 'Warm' } -ThrottleLimit 4
        Add-DrupalTestServerFault -Server $Server -Route jsonapi -Kind status -Status 500 -Count 40
        $before = (Get-Stats).jsonapiRequests
        $failure = $null
        try { 1..30 | ForEach-Object { Get-Article $_ } | Set-DrupalEntity -Attributes @{ title = 'Failing' } -PassThru -ThrottleLimit 4 -ErrorAction SilentlyContinue }
        catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -Match '^SiteFailing'
        "$failure" | Should -Match '(?s)Not done: .+, and every item after them\.$'
        (Get-Stats).entitiesUpdated | Should -Be 3
        # The ten that broke it, and at most the others in flight then (three; one run on 7.4 saw a fourth, a slot
        # given just before the break: under investigation), then nothing more.
        (Get-Stats).jsonapiRequests - $before | Should -BeLessOrEqual 14
    }

    It 'uploads files 4 at a time, in the order they came, a missing one in its place' {
        Set-DrupalTestServerDelay -Server $Server -Route jsonapi-writes -Milliseconds 20
        $paths = 1..8 | ForEach-Object { $path = Join-Path $TestDrive "image-$_.png"; [IO.File]::WriteAllBytes($path, [byte[]](1..(100 + $_))); $path }
        $paths[3] = Join-Path $TestDrive 'missing.png'
        $all = @($paths | New-DrupalFile -EntityType node -Bundle article -Field field_image -ThrottleLimit 4 -ErrorAction Continue 2>&1)
        $all | Should -HaveCount 8
        $all[3].FullyQualifiedErrorId | Should -Match '^FileNotFound'
        # Drupal renames a name it already holds (image-1_0.png): the stem tells the order.
        ((@($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }).filename -replace '_\d+(?=\.png$)') -join ',') | Should -Be ((1..8 | Where-Object { $_ -ne 4 } | ForEach-Object { "image-$_.png" }) -join ',')
    }

    It '-WhatIf sends nothing with -ThrottleLimit' {
        $before = (Get-Stats).jsonapiRequests
        1..3 | ForEach-Object { Get-Article $_ } | Set-DrupalEntity -Attributes @{ title = 'x' } -ThrottleLimit 8 -WhatIf
        1..3 | ForEach-Object { Get-Article $_ } | Remove-DrupalEntity -ThrottleLimit 8 -WhatIf
        1..3 | ForEach-Object { [pscustomobject]@{ title = "x $_" } } | New-DrupalEntity node article -ThrottleLimit 8 -WhatIf
        (Get-Stats).jsonapiRequests | Should -Be $before
    }

    It '-ThrottleLimit 1 sends one request at a time, as without it' {
        Set-DrupalTestServerDelay -Server $Server -Route jsonapi-writes -Milliseconds 10
        Reset-DrupalTestServerConcurrency -Server $Server
        $all = @(1..6 | ForEach-Object { if ($_ -eq 3) { Get-Article 999999 } else { Get-Article $_ } } |
                Set-DrupalEntity -Attributes @{ title = 'One' } -PassThru -ThrottleLimit 1 -ErrorAction Continue 2>&1)
        $all[2] | Should -BeOfType System.Management.Automation.ErrorRecord
        $all | Should -HaveCount 6
        (Get-Stats).jsonapiMaxInFlight | Should -Be 1
    }

    It 'a refused item (no type and id) takes its place among the results' {
        $all = @(@((Get-Article 1), [pscustomobject]@{ title = 'no id' }, (Get-Article 2)) |
                Set-DrupalEntity -Attributes @{ title = 'Placed' } -PassThru -ThrottleLimit 4 -ErrorAction Continue 2>&1)
        $all | Should -HaveCount 3
        $all[1].FullyQualifiedErrorId | Should -Match '^NotAnEntity'
        $all[2].id | Should -Be (Get-Uuid 2)
    }
}
