# A job killed at any moment and run again ends as one that ran through (issue 16, "Jobs that can be run again"): a
# child pwsh imports 1,000 rows with -ThrottleLimit 4 against the test server's write delay (10 ms), is killed (the process
# ended, not Ctrl+C) once about a tenth of the writes are in, and the same command then runs to the end.
Describe 'Kill and run again' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'ChildProcess.ps1')
        $script:Job = Join-Path $TestDrive 'job.ps1'
        Set-Content -LiteralPath $Job -Value @'
param($Module, $Uri, $Csv)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$null = Connect-DrupalApi -Uri $Uri -ClientId 'editor-client' -ClientSecret (ConvertTo-SecureString 'editor-secret' -AsPlainText -Force) -SkipAdminCheck -RetryIntervalSec 0
$results = @(Import-DrupalEntity node article -Path $Csv -Key field_external_id -ThrottleLimit 4)
"rows: $($results.Count); failed: $(@($results | Where-Object Action -eq 'Failed').Count)"
'@
        $script:ModulePath = Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1'

        function Start-Job([string] $Csv) { Start-Pwsh -ArgumentList @('-File', $Job, $ModulePath, $Uri, $Csv) }

        # The site's articles as a job sees them: key, title and rating, sorted by key; with the count of each key.
        function Get-Site {
            $null = Connect-Backend -ClientId 'editor-client' -Secret 'editor-secret' -With @{ SkipAdminCheck = $true }
            @(Get-DrupalEntity node article -All -ThrottleLimit 4 | Sort-Object field_external_id | ForEach-Object { '{0}|{1}|{2}' -f $_.field_external_id, $_.title, $_.field_rating })
        }

        # Runs the job once through and returns the site; then from the same start, kills the job once $KillAfter writes
        # are in, runs it again and returns the site, with the killed run's write count.
        function Test-Rerun([scriptblock] $Seed, [string] $Csv, [int] $KillAfter) {
            & $Seed
            $once = Start-Job $Csv | Wait-Pwsh -TimeoutSec 60
            $once.ExitCode | Should -Be 0 -Because $once.Text
            $through = Get-Site

            & $Seed
            Set-DrupalTestServerDelay -Server $Server -Route jsonapi-writes -Milliseconds 10
            $killed = Start-Job $Csv
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ((Get-Stats).jsonapiWrites -lt $KillAfter -and [DateTime]::UtcNow -lt $deadline -and -not $killed.Process.HasExited) { Start-Sleep -Milliseconds 10 }
            $killed.Process.HasExited | Should -BeFalse -Because 'the job is killed while it writes'
            $killed.Process.Kill($true)
            $null = $killed | Wait-Pwsh -TimeoutSec 10
            $writesBefore = (Get-Stats).jsonapiWrites
            $again = Start-Job $Csv | Wait-Pwsh -TimeoutSec 60
            $again.ExitCode | Should -Be 0 -Because $again.Text
            $again.Output | Should -Match 'rows: 1000; failed: 0'
            [pscustomobject]@{ Through = $through; Rerun = Get-Site; KilledWrites = $writesBefore }
        }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    It 'a 1,000-row import of new articles, killed and run again, ends as one run through, with no duplicates' {
        $csv = Join-Path $TestDrive 'new.csv'
        1..1000 | ForEach-Object { [pscustomobject]@{ field_external_id = 'NEW-{0:D4}' -f $_; title = "New $_"; field_rating = $_ % 5 } } | Export-Csv -LiteralPath $csv
        $seed = { Reset-DrupalTestServer -Server $Server; Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false; Set-DrupalTestServerContent -Server $Server -Articles 0 }
        $run = Test-Rerun -Seed $seed -Csv $csv -KillAfter 100
        $run.KilledWrites | Should -BeLessThan 1000
        $run.Through | Should -HaveCount 1000
        ($run.Rerun -join "`n") | Should -BeExactly ($run.Through -join "`n")
    }

    It 'a 1,000-row update, killed and run again, ends as one run through' {
        $csv = Join-Path $TestDrive 'changed.csv'
        1..1000 | ForEach-Object { [pscustomobject]@{ field_external_id = 'EXT-{0:D4}' -f $_; title = "Changed $_"; field_rating = ($_ + 1) % 5 } } | Export-Csv -LiteralPath $csv
        $seed = { Reset-DrupalTestServer -Server $Server; Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false; Set-DrupalTestServerContent -Server $Server -Articles 1000 }
        $run = Test-Rerun -Seed $seed -Csv $csv -KillAfter 100
        $run.KilledWrites | Should -BeLessThan 1000
        @($run.Through | Where-Object { $_ -like '*|Changed *' }) | Should -HaveCount 1000
        ($run.Rerun -join "`n") | Should -BeExactly ($run.Through -join "`n")
    }
}
