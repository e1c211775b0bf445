<#
.SYNOPSIS
    Runs the Pester suite (the *.Tests.ps1 beside this script) on the PowerShell that runs this script, with the one
    configuration that build.ps1 -Task Test uses on every runtime it tests.
.DESCRIPTION
    Writes the results to -ResultPath (NUnit XML) and the counts to -CountPath (JSON: Passed, Failed, Skipped), for
    build.ps1, which starts this script in a pwsh of each runtime so that the tests and their children run there.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $CountPath
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = $ResultPath
$run = Invoke-Pester -Configuration $config
if (-not $run) { throw 'Invoke-Pester returned no result.' }
[ordered]@{
    Passed  = $run.PassedCount
    Failed  = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount
    Skipped = $run.SkippedCount
} | ConvertTo-Json | Set-Content -LiteralPath $CountPath
