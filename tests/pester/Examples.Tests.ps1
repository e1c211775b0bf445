# The unattended examples in examples/, each run as a job would run it against the test server: in a new
# `pwsh -NoProfile -NonInteractive` process (exit code and output checked), or in runspaces of this process, as Azure
# Automation runs several jobs at once in one sandbox (job state checked). The commands that Azure Automation and
# SecretManagement provide are stand-ins defined here, found by module name as the real ones are.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ChildProcess.ps1')
    $examples = Join-Path $RepoRoot 'examples'

    $standIns = Join-Path $TestDrive 'stand-ins'
    $automation = New-Item -ItemType Directory -Force (Join-Path $standIns 'Orchestrator.AssetManagement.Cmdlets')
    Set-Content (Join-Path $automation 'Orchestrator.AssetManagement.Cmdlets.psm1') @'
# Stand-ins for Azure Automation's asset cmdlets. The assets are $AutomationAssets of the runspace (a job run in a
# runspace) or the JSON file that AUTOMATION_ASSETS names (a job run in a process), in the same shape:
# @{ Credentials = @{ NAME = @{ UserName = ...; Password = ... } }; Variables = @{ NAME = value } }
function Get-AutomationAsset {
    if ($global:AutomationAssets) { return $global:AutomationAssets }
    Get-Content -Raw -LiteralPath $env:AUTOMATION_ASSETS | ConvertFrom-Json -AsHashtable
}
function Get-AutomationPSCredential {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name)
    $asset = (Get-AutomationAsset).Credentials[$Name]
    if (-not $asset) { Write-Error "Credential asset '$Name' was not found." -ErrorId CredentialAssetNotFound -Category ObjectNotFound; return }
    [pscredential]::new($asset.UserName, (ConvertTo-SecureString $asset.Password -AsPlainText -Force))
}
function Get-AutomationVariable {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name)
    (Get-AutomationAsset).Variables[$Name]
}
Export-ModuleMember -Function Get-AutomationPSCredential, Get-AutomationVariable
'@
    $secretManagement = New-Item -ItemType Directory -Force (Join-Path $standIns 'Microsoft.PowerShell.SecretManagement')
    Set-Content (Join-Path $secretManagement 'Microsoft.PowerShell.SecretManagement.psm1') @'
# A stand-in for SecretManagement's Get-Secret, reading the JSON file that SECRETMANAGEMENT_SECRETS names:
# @{ NAME = 'text' } for a SecureString secret, @{ NAME = @{ UserName = ...; Password = ... } } for a PSCredential.
function Get-Secret {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [string] $Vault, [switch] $AsPlainText)
    $secret = (Get-Content -Raw -LiteralPath $env:SECRETMANAGEMENT_SECRETS | ConvertFrom-Json -AsHashtable)[$Name]
    if ($null -eq $secret) { Write-Error "Get-Secret: The secret $Name was not found." -ErrorId GetSecretNotFound -Category ObjectNotFound; return }
    if ($secret -is [string]) { if ($AsPlainText) { return $secret }; return ConvertTo-SecureString $secret -AsPlainText -Force }
    [pscredential]::new($secret.UserName, (ConvertTo-SecureString $secret.Password -AsPlainText -Force))
}
Export-ModuleMember -Function Get-Secret
'@

    # A job's process: an empty home (no module of the real user's is found by name), DrupalOAuth from out/ and,
    # unless -NoStandIns, the stand-ins on PSModulePath.
    $jobHome = New-FakeHome (Join-Path $TestDrive 'home')
    function Start-Example {
        param([string[]] $ArgumentList, [hashtable] $Environment = @{}, [switch] $NoStandIns)
        $paths = @((Join-Path $RepoRoot 'out')) + @(if (-not $NoStandIns) { $standIns })
        $childEnvironment = $jobHome.Clone()
        $childEnvironment.PSModulePath = $paths -join [IO.Path]::PathSeparator
        foreach ($name in 'DRUPAL_URI', 'DRUPAL_CLIENT_ID', 'DRUPAL_CLIENT_SECRET') { $childEnvironment[$name] = $null }
        foreach ($name in $Environment.Keys) { $childEnvironment[$name] = $Environment[$name] }
        Start-Pwsh -ArgumentList $ArgumentList -Environment $childEnvironment -WorkingDirectory $TestDrive
    }
    # pwsh wraps an error's message at the console width: one line again, for matching.
    function Join-Line([string] $Text) { $Text -replace '\r?\n\s*\|', ' ' -replace '\s+', ' ' }
    function New-JsonFile([string] $Name, $Value) {
        $path = Join-Path $TestDrive "$Name.json"
        ConvertTo-Json -InputObject $Value -Depth 5 | Set-Content $path
        $path
    }
    function New-AutomationAsset([string] $SiteUri, [string] $ClientId, [string] $Secret) {
        @{ Credentials = @{ DrupalConsumer = @{ UserName = $ClientId; Password = $Secret } }; Variables = @{ DrupalSiteUri = $SiteUri } }
    }
    Reset-DrupalTestServer -Server $Server
}
AfterAll { Stop-DrupalTestServer -Server $Server }

Describe 'The help of examples/<_>' -ForEach 'Runbook-Articles.ps1', 'Scheduled-Export.ps1', 'SecretManagement-Connect.ps1' {
    BeforeAll { $help = Get-Help (Join-Path $examples $_) -Full }

    It 'has a synopsis, a description, every parameter described and examples' {
        $help.Synopsis | Should -Not -BeLike "*$_*"
        $help.description.Text | Should -Not -BeNullOrEmpty
        foreach ($parameter in @($help.parameters.parameter)) { $parameter.description.Text | Should -Not -BeNullOrEmpty -Because $parameter.name }
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }
}

Describe 'examples/Runbook-Articles.ps1 as an Azure Automation job in a process' {
    BeforeAll {
        $runbook = Join-Path $examples 'Runbook-Articles.ps1'
        $good = Start-Example '-File', $runbook -Environment @{ AUTOMATION_ASSETS = New-JsonFile 'assets-good' (New-AutomationAsset $Uri 'backend' 'backend-secret') }
        $bad = Start-Example '-File', $runbook -Environment @{ AUTOMATION_ASSETS = New-JsonFile 'assets-bad' (New-AutomationAsset $Uri 'backend' 'not-the-secret') }
        $good = $good | Wait-Pwsh
        $bad = $bad | Wait-Pwsh
    }

    It "reads every article as the credential asset's consumer and exits with 0" {
        $good.ExitCode | Should -Be 0 -Because $good.Text
        foreach ($nid in 1..25) { $good.Output | Should -Match "\bArticle $nid\b" }
        $good.Errors | Should -BeNullOrEmpty
    }

    It 'fails with the step and the ErrorId InvalidClient when the secret is wrong' {
        $bad.ExitCode | Should -Not -Be 0
        Join-Line $bad.Text | Should -Match "Runbook-Articles failed connecting to http://127\.0\.0\.1:\d+ as 'backend' \(InvalidClient\)"
        $bad.Text | Should -Not -Match 'Article 1'
    }
}

Describe 'examples/Scheduled-Export.ps1 as a scheduled task' {
    BeforeAll {
        $script = Join-Path $examples 'Scheduled-Export.ps1'
        $exports = New-Item -ItemType Directory (Join-Path $TestDrive 'exports')
        $goodCsv = Join-Path $exports 'articles.csv'
        $keptCsv = Join-Path $exports 'kept.csv'
        Set-Content $keptCsv 'the previous export'
        $consumer = @{ DRUPAL_URI = $Uri; DRUPAL_CLIENT_ID = 'backend' }
        $good = Start-Example '-File', $script, '-Path', $goodCsv -Environment ($consumer + @{ DRUPAL_CLIENT_SECRET = 'backend-secret' })
        $bad = Start-Example '-File', $script, '-Path', $keptCsv -Environment ($consumer + @{ DRUPAL_CLIENT_SECRET = 'not-the-secret' })
        $unset = Start-Example '-File', $script, '-Path', (Join-Path $exports 'unset.csv') -Environment $consumer
        $good, $bad, $unset = $good, $bad, $unset | Wait-Pwsh
    }

    It 'exports every article to the CSV file and exits with 0' {
        $good.ExitCode | Should -Be 0 -Because $good.Text
        $good.Output | Should -Match "Exported 25 articles to $([regex]::Escape($goodCsv))"
        $rows = Import-Csv $goodCsv
        $rows.title | Should -Be (1..25 | ForEach-Object { "Article $_" })
        $rows[0].PSObject.Properties.Name | Should -Be 'id', 'nid', 'title', 'status', 'created', 'changed', 'tags'
        ($rows | Where-Object nid -EQ 2).tags | Should -Be '00000001-7a95-4c3e-9f00-000000000001'
        $rows.tags | Should -Not -Contain 'System.Object[]'
    }

    It 'exits with 1 and says why on standard error when the secret is wrong, leaving the previous export' {
        $bad.ExitCode | Should -Be 1
        $bad.Errors | Should -Match "Scheduled-Export failed connecting to http://127\.0\.0\.1:\d+ as 'backend' \(InvalidClient\)"
        Get-Content $keptCsv | Should -Be 'the previous export'
        Test-Path "$keptCsv.partial" | Should -BeFalse
    }

    It 'exits with 2 and names the variable when one is missing' {
        $unset.ExitCode | Should -Be 2
        $unset.Errors | Should -Match 'DRUPAL_CLIENT_SECRET'
        $unset.Errors | Should -Not -Match 'DRUPAL_URI,'
    }
}

Describe 'examples/SecretManagement-Connect.ps1' {
    BeforeAll {
        $script = Join-Path $examples 'SecretManagement-Connect.ps1'
        $secrets = @{ SECRETMANAGEMENT_SECRETS = New-JsonFile 'secrets' @{
                DrupalClientSecret = @{ UserName = 'backend'; Password = 'backend-secret' }
                WrongSecret        = 'not-the-secret'
            }
        }
        # Connects, then uses the connection in the same session: the consumer's user id and its client id.
        $good = Start-Example '-Command', "`$connection = & '$script' -Uri '$Uri'; (Test-DrupalConnection -Connection `$connection).UserId; `$connection.ClientId" -Environment $secrets
        $bad = Start-Example '-File', $script, '-Uri', $Uri, '-ClientId', 'backend', '-SecretName', 'WrongSecret' -Environment $secrets
        $missing = Start-Example '-File', $script, '-Uri', $Uri -Environment $secrets -NoStandIns
        $good, $bad, $missing = $good, $bad, $missing | Wait-Pwsh
    }

    It 'connects with the PSCredential from Get-Secret, and the session then uses that connection' {
        $good.ExitCode | Should -Be 0 -Because $good.Text
        ($good.Output -split '\r?\n' | Where-Object { $_ }) | Should -Be '2', 'backend'
    }

    It 'fails with exit code 1 and the ErrorId InvalidClient when the stored secret is wrong' {
        $bad.ExitCode | Should -Be 1
        Join-Line $bad.Text | Should -Match "Connecting to http://127\.0\.0\.1:\d+ as 'backend' failed \(InvalidClient\)"
    }

    It 'says how to install SecretManagement when it is not installed' {
        $missing.ExitCode | Should -Be 1
        Join-Line $missing.Text | Should -Match 'SecretManagement is not installed'
        Join-Line $missing.Text | Should -Match 'Install-PSResource -Name Microsoft\.PowerShell\.SecretManagement, Microsoft\.PowerShell\.SecretStore'
    }
}

Describe 'Two runbook jobs side by side in one process, each in its own runspace' {
    BeforeAll {
        # Job A reads site A (25 articles) as backend, job B site B (30 articles) as editor-client, and job C site A
        # with a wrong secret; the token requests wait 300 ms, so that the jobs connect at the same time.
        $siteB = Start-DrupalTestServer
        Reset-DrupalTestServer -Server $Server
        Set-DrupalTestServerContent -Server $siteB -Articles 30
        foreach ($site in $Server, $siteB) { Set-DrupalTestServerDelay -Route token -Server $site -Milliseconds 300 }
        $jobs = [ordered]@{
            A = @{ Assets = New-AutomationAsset $Uri 'backend' 'backend-secret' }
            B = @{ Assets = New-AutomationAsset $siteB.Uri 'editor-client' 'editor-secret' }
            C = @{ Assets = New-AutomationAsset $Uri 'backend' 'not-the-secret' }
        }
        $runbook = Join-Path $examples 'Runbook-Articles.ps1'
        foreach ($job in $jobs.Values) {
            $state = [initialsessionstate]::CreateDefault2()
            $state.ImportPSModule([string[]] @((Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1'), $automation.FullName))
            $state.Variables.Add([System.Management.Automation.Runspaces.SessionStateVariableEntry]::new('AutomationAssets', $job.Assets, "This job's assets"))
            $job.Runspace = [runspacefactory]::CreateRunspace($state)
            $job.Runspace.Open()
            $job.PowerShell = [powershell]::Create()
            $job.PowerShell.Runspace = $job.Runspace
            $null = $job.PowerShell.AddCommand($runbook)
        }

        $clock = [Diagnostics.Stopwatch]::StartNew()
        foreach ($job in $jobs.Values) { $job.Started = $clock.Elapsed; $job.Async = $job.PowerShell.BeginInvoke() }
        while (@($jobs.Values | Where-Object { -not $_.Ended }).Count -gt 0 -and $clock.Elapsed.TotalSeconds -lt 60) {
            foreach ($job in $jobs.Values) { if (-not $job.Ended -and $job.Async.IsCompleted) { $job.Ended = $clock.Elapsed } }
            Start-Sleep -Milliseconds 5
        }
        foreach ($job in $jobs.Values) {
            try { $job.Output = @($job.PowerShell.EndInvoke($job.Async)) } catch { $job.Output = @() }
            $job.State = $job.PowerShell.InvocationStateInfo

            # Afterwards, in the job's runspace: the connections it sees and whom its calls go as.
            $probe = [powershell]::Create()
            $probe.Runspace = $job.Runspace
            $job.Connections = @($probe.AddCommand('Get-DrupalConnection').Invoke())
            $probe.Commands.Clear()
            try { $job.Identity = $probe.AddCommand('Test-DrupalConnection').AddParameter('WarningAction', 'SilentlyContinue').Invoke() | Select-Object -First 1 }
            catch { $job.IdentityError = $_.Exception.InnerException.ErrorRecord ?? $_.Exception.ErrorRecord }
            $probe.Dispose()
        }
        $statsA = Get-DrupalTestServerStats -Server $Server
        $statsB = Get-DrupalTestServerStats -Server $siteB
    }
    AfterAll {
        foreach ($job in $jobs.Values) { $job.PowerShell.Dispose(); $job.Runspace.Dispose() }
        Stop-DrupalTestServer -Server $siteB
        Reset-DrupalTestServer -Server $Server
        Get-DrupalConnection | Disconnect-DrupalApi
    }

    It 'runs the jobs at the same time' {
        $lastStart = ($jobs.Values.Started | Measure-Object -Property Ticks -Maximum).Maximum
        $firstEnd = ($jobs.Values.Ended | Measure-Object -Property Ticks -Minimum).Minimum
        $lastStart | Should -BeLessThan $firstEnd
    }

    It 'completes the jobs with good credentials, each with the articles of its own site' {
        $jobs.A.State.State | Should -Be 'Completed' -Because $jobs.A.State.Reason
        $jobs.B.State.State | Should -Be 'Completed' -Because $jobs.B.State.Reason
        $jobs.A.Output.title | Should -Be (1..25 | ForEach-Object { "Article $_" })
        $jobs.B.Output.title | Should -Be (1..30 | ForEach-Object { "Article $_" })
    }

    It 'fails the job with the wrong secret, with InvalidClient, instead of using another job''s connection' {
        $jobs.C.State.State | Should -Be 'Failed'
        $jobs.C.State.Reason.Message | Should -Match "failed connecting to .* as 'backend' \(InvalidClient\)"
        $jobs.C.Output | Should -BeNullOrEmpty
    }

    It 'lets each job list only its own connection' {
        $jobs.A.Connections.Count | Should -Be 1
        $jobs.A.Connections[0].ClientId | Should -Be 'backend'
        $jobs.A.Connections[0].SiteUri | Should -Be "$Uri/"
        $jobs.B.Connections.Count | Should -Be 1
        $jobs.B.Connections[0].ClientId | Should -Be 'editor-client'
        $jobs.B.Connections[0].SiteUri | Should -Be "$($siteB.Uri)/"
        $jobs.C.Connections | Should -BeNullOrEmpty
    }

    It "sends each job's calls as its own consumer to its own site" {
        $jobs.A.Identity.UserId | Should -Be 2
        $jobs.A.Identity.SiteUri | Should -Be "$Uri/"
        $jobs.B.Identity.UserId | Should -Be 3
        $jobs.B.Identity.SiteUri | Should -Be "$($siteB.Uri)/"
        $jobs.C.IdentityError.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'
        # Site A: a token for A and the refused request of C; site B: a token for B. Both were read through JSON:API.
        $statsA.tokenRequests | Should -Be 2
        $statsB.tokenRequests | Should -Be 1
        $statsA.jsonapiRequests | Should -BeGreaterThan 0
        $statsB.jsonapiRequests | Should -BeGreaterThan 0
    }
}
