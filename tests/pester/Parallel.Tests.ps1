# One connection, many runspaces: every call succeeds and the whole run costs Drupal one token.
Describe 'Parallel use of one connection' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $modulePath = Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1'
        $query = '{ nodeQuery(limit: 1) { count } }'
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        # The connect's token request is the one the whole test may cost.
        $connection = Connect-Backend -With @{ SkipAdminCheck = $true }
        Get-TokenRequestCount | Should -Be 1
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    It 'serves 16 runspaces of ForEach-Object -Parallel, 100 calls each, with the one token of the connect' {
        $counts = 1..16 | ForEach-Object -ThrottleLimit 16 -Parallel {
            Import-Module $using:modulePath
            $ok = 0
            foreach ($i in 1..100) {
                if ((Invoke-DrupalGraphQL -Connection $using:connection -Query $using:query -ErrorAction Stop).nodeQuery.count -eq 28) { $ok++ }
            }
            $ok
        }
        ($counts | Measure-Object -Sum).Sum | Should -Be 1600
        $stats = Get-DrupalTestServerStats -Server $Server
        $stats.graphqlRequests | Should -Be 1600
        $stats.tokenRequests | Should -Be 1 -Because 'the token of Connect-DrupalApi stays valid'
        Write-Host "ForEach-Object -Parallel: 1600 calls, $($stats.tokenRequests) token request(s) in all"
    }

    It 'serves thread jobs that get the connection by $using:' {
        $jobs = 1..4 | ForEach-Object {
            Start-ThreadJob -ThrottleLimit 4 -ScriptBlock {
                Import-Module $using:modulePath
                (1..100 | ForEach-Object { Invoke-DrupalGraphQL -Connection $using:connection -Query $using:query -ErrorAction Stop }).Count
            }
        }
        $counts = $jobs | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        ($counts | Measure-Object -Sum).Sum | Should -Be 400
        Get-TokenRequestCount | Should -Be 1
    }

    It 'fetches one token for 16 runspaces that all need a new one at once' {
        Invoke-DrupalTestServerControl -Server $Server -Action 'revoke'
        Set-DrupalTestServerDelay -Route token -Server $Server -Milliseconds 300
        $results = 1..16 | ForEach-Object -ThrottleLimit 16 -Parallel {
            Import-Module $using:modulePath
            (Invoke-DrupalGraphQL -Connection $using:connection -Query $using:query -ErrorAction Stop).nodeQuery.count
        }
        $results | Should -HaveCount 16
        $results | Sort-Object -Unique | Should -Be 28
        Get-TokenRequestCount | Should -Be 2 -Because 'the connect made one, and the 16 refused runspaces share one new token'
    }

    It 'keeps the parent session''s connections out of a parallel runspace, which uses the one it is handed' {
        $seen = 1 | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            [pscustomobject]@{
                Listed = @(Get-DrupalConnection).Count
                Count  = (Invoke-DrupalGraphQL -Connection $using:connection -Query '{ nodeQuery { count } }').nodeQuery.count
            }
        }
        $seen.Listed | Should -Be 0
        $seen.Count | Should -Be 28
    }
}
