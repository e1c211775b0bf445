# Shared hosts: Azure Automation runs several jobs in one process, each in a runspace of its own. One job's
# connections are never another's; only the token cache is shared, and only between equal consumers and secrets.
Describe 'Connections belong to the runspace that made them' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $modulePath = Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1'
        $secondServer = Start-DrupalTestServer

        # A job: a runspace of its own in this process that imports the module and runs the script.
        function New-Job([string] $Script, [hashtable] $Parameters = @{}) {
            $job = [powershell]::Create()
            $null = $job.AddScript("Import-Module '$modulePath'").AddStatement().AddScript($Script).AddParameters($Parameters)
            $job
        }
        # The job's parameters, then its connect (a script may connect twice).
        $parameters = "param(`$Uri, `$Secret = 'backend-secret')`n"
        $connect = "Connect-DrupalApi -Uri `$Uri -ClientId backend -ClientSecret (ConvertTo-SecureString `$Secret -AsPlainText -Force) -SkipAdminCheck`n"
        $count = '{ nodeQuery(limit: 1) { count } }'
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        Reset-DrupalTestServer -Server $secondServer
        Get-DrupalConnection | Disconnect-DrupalApi
    }
    AfterAll {
        Get-DrupalConnection | Disconnect-DrupalApi
        Stop-DrupalTestServer -Server $Server
        Stop-DrupalTestServer -Server $secondServer
    }

    It 'runs two jobs at once against two sites under the same connection name, each call reaching its own site' {
        $script = $parameters + $connect + @'

            $site = (Get-DrupalConnection -Current).SiteUri
            $ok = 0
            for ($i = 0; $i -lt 200; $i++) {
                if ((Invoke-DrupalGraphQL -Query '{ nodeQuery(limit: 1) { count } }' -ErrorAction Stop).nodeQuery.count -eq 28) { $ok++ }
            }
            [pscustomobject]@{ Site = "$site"; Ok = $ok; Connections = @(Get-DrupalConnection).Count }
'@
        $first = New-Job $script @{ Uri = $Server.Uri }
        $second = New-Job $script @{ Uri = $secondServer.Uri }
        $running = $first.BeginInvoke(), $second.BeginInvoke()
        $results = $first.EndInvoke($running[0]), $second.EndInvoke($running[1])
        $first.Streams.Error + $second.Streams.Error | Should -BeNullOrEmpty
        $results[0].Site | Should -Be "$($Server.Uri)/"
        $results[1].Site | Should -Be "$($secondServer.Uri)/"
        $results.Ok | Should -Be @(200, 200)
        $results.Connections | Should -Be @(1, 1)
        (Get-DrupalTestServerStats -Server $Server).graphqlRequests | Should -Be 200
        (Get-DrupalTestServerStats -Server $secondServer).graphqlRequests | Should -Be 200
        $first.Dispose(); $second.Dispose()
    }

    It 'fails with NotConnected in a job that never connected, while another job is connected' {
        $null = Connect-Backend -With @{ SkipAdminCheck = $true }
        $job = New-Job "try { Invoke-DrupalGraphQL -Query '$count' } catch { `$_.FullyQualifiedErrorId }; @(Get-DrupalConnection).Count"
        $output = $job.Invoke()
        $output[0] | Should -Be 'NotConnected,DrupalOAuth.Commands.InvokeDrupalGraphQLCommand'
        $output[1] | Should -Be 0
        (Invoke-DrupalGraphQL -Query $count).nodeQuery.count | Should -Be 28
        $job.Dispose()
    }

    It 'leaves the other job''s connection working when one job disconnects or removes the module' {
        $null = Connect-Backend -With @{ SkipAdminCheck = $true }
        $job = New-Job ($parameters + $connect + "Disconnect-DrupalApi`n" + $connect + 'Remove-Module DrupalOAuth') @{ Uri = $Uri }
        $null = $job.Invoke()
        $job.Streams.Error | Should -BeNullOrEmpty
        (Get-DrupalConnection -Current).Name | Should -Be 'default'
        (Invoke-DrupalGraphQL -Query $count).nodeQuery.count | Should -Be 28
        $job.Dispose()
    }

    It 'shares one token between the connections of one consumer and secret, kept until the last is closed' {
        $null = Connect-Backend -With @{ SkipAdminCheck = $true }
        $job = New-Job ($parameters + $connect + "`$null = Invoke-DrupalGraphQL -Query '$count'; Disconnect-DrupalApi") @{ Uri = $Uri }
        $null = $job.Invoke()
        $before = Get-TokenRequestCount
        (Invoke-DrupalGraphQL -Query $count).nodeQuery.count | Should -Be 28
        Get-TokenRequestCount | Should -Be $before -Because 'the other job''s disconnect must not cost this connection its token'
        $job.Dispose()
    }

    It 'never serves a cached token to a connection whose secret did not earn it' {
        $null = Connect-Backend -With @{ SkipAdminCheck = $true }
        $job = New-Job ($parameters + "try { $connect } catch { `$_.FullyQualifiedErrorId }") @{ Uri = $Uri; Secret = 'not-the-secret' }
        $before = Get-TokenRequestCount
        $output = $job.Invoke()
        $output | Should -Be 'InvalidClient,DrupalOAuth.Commands.ConnectDrupalApiCommand'
        Get-TokenRequestCount | Should -Be ($before + 1) -Because 'the wrong secret went to Drupal, which refused it'
        $job.Dispose()
    }

    It 'closes the connections of a job when its runspace closes' {
        $job = New-Job ($parameters + $connect + '(Get-DrupalConnection -Current)') @{ Uri = $Uri }
        $connection = $job.Invoke()[0]
        $job.Runspace.Close()
        { Invoke-DrupalGraphQL -Connection $connection -Query $count } | Should -Throw -ErrorId 'ConnectionClosed,DrupalOAuth.Commands.InvokeDrupalGraphQLCommand'
        $job.Dispose()
    }
}
