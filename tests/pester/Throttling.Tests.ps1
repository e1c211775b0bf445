# The adaptive limit of requests in flight (issue 16, "Adaptive load"), as Get-DrupalEntity -All meets it: several
# pages at once by default, backing off when the site answers 429 and growing back after, and stopping on a failing site.
Describe 'Throttling' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        if (-not (Get-DrupalConnection -Current)) { $null = Connect-Backend }
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'Get-DrupalEntity -All' {
        It 'has several pages in flight by default, and one at a time with -ThrottleLimit 1' {
            Set-DrupalTestServerContent -Server $Server -Articles 1000
            $null = Get-DrupalEntity node article -First 1
            Set-DrupalTestServerDelay -Server $Server -Route jsonapi -Milliseconds 100
            Reset-DrupalTestServerConcurrency -Server $Server
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ids = @(Get-DrupalEntity node article -All).id
            $watch.Stop()
            $ids | Should -HaveCount 1000
            ($ids | Select-Object -Unique) | Should -HaveCount 1000
            (Get-Stats).jsonapiMaxInFlight | Should -Be 4
            $watch.ElapsedMilliseconds | Should -BeLessThan 1800 -Because '20 pages of 100 ms one after the other take 2 s'

            Set-DrupalTestServerDelay -Server $Server -Route jsonapi -Milliseconds 0
            Reset-DrupalTestServerConcurrency -Server $Server
            @(Get-DrupalEntity node article -All -ThrottleLimit 1) | Should -HaveCount 1000
            (Get-Stats).jsonapiMaxInFlight | Should -Be 1
        }

        It 'writes every article once through a 429 storm in the middle, backs off and grows back' {
            Set-DrupalTestServerContent -Server $Server -Articles 1500
            Set-DrupalTestServerDelay -Server $Server -Route jsonapi -Milliseconds 20
            $count = 0
            $ids = [Collections.Generic.HashSet[string]]::new()
            $verbose = Get-DrupalEntity node article -All -Verbose 4>&1 | ForEach-Object {
                if ($_ -is [Management.Automation.VerboseRecord]) { return $_.Message }
                $count++
                $null = $ids.Add($_.id)
                if ($count -eq 300) { Set-DrupalTestServerStorm -Server $Server -Status 429 -RetryAfterSec 1 -Requests 6 }
            }
            $count | Should -Be 1500
            $ids.Count | Should -Be 1500
            (Get-Stats).stormAnswers | Should -Be 6
            $verbose | Should -Contain 'Drupal answered 429: 4 requests at once are now 2.'
            $verbose | Where-Object { $_ -like 'Drupal answered * requests in a row without a 429, 503 or failure: now * at once.' } | Should -Not -BeNullOrEmpty
            # The server's log of concurrent requests: after the last 429, the read is back at 4 pages at once.
            $timeline = @((Get-Stats).jsonapiTimeline)
            $lastStorm = [array]::FindLastIndex([object[]] $timeline, [Predicate[object]] { param($entry) $entry.status -eq 429 })
            $after = $timeline[($lastStorm + 1)..($timeline.Count - 1)]
            ($after.inFlight | Measure-Object -Maximum).Maximum | Should -Be 4
        }

        It 'stops with SiteFailing after ten 5xx answers in a row, saying how many items were written' {
            Set-DrupalTestServerContent -Server $Server -Articles 500
            $null = Get-DrupalEntity node article -First 1
            Set-DrupalTestServerDelay -Server $Server -Route jsonapi -Milliseconds 200
            $count = 0
            $failure = $null
            try {
                # Page 2 is on its way when the first item comes: the faults meet page 3, retried as a 502 is.
                Get-DrupalEntity node article -All -ThrottleLimit 1 -MaximumRetryCount 20 -RetryIntervalSec 0 -ErrorAction Stop | ForEach-Object {
                    $count++
                    if ($count -eq 1) { Add-DrupalTestServerFault -Server $Server -Route jsonapi -Kind status -Status 502 -Count 30 }
                }
            }
            catch { $failure = $_ }
            $count | Should -Be 100
            $failure | Should -Not -BeNullOrEmpty
            $failure.FullyQualifiedErrorId | Should -BeLike 'SiteFailing,*'
            "$failure" | Should -BeLike 'Drupal failed 10 requests in a row (the last: 502 Bad Gateway). Stopped so as not to hammer a failing site; 100 items were done.*'
            @((Get-Stats).jsonapiTimeline | Where-Object status -EQ 502) | Should -HaveCount 10
        }
    }
}
