#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests, demonstrates and packages the DrupalOAuth module.
.DESCRIPTION
    Run it with PowerShell 7 (on a fresh machine: dotnet tool restore; dotnet pwsh ./build.ps1 ...).
      Build    builds the solution and lays the importable module out in out/DrupalOAuth/
      Test     Build, then the xUnit tests and the Pester tests (against the bundled Drupal test server), these on
               each PowerShell of -Runtime
      Demo     Build, then the quick-start flow against the bundled Drupal test server
      Package  Build, then out/packages/DrupalOAuth.<version>.nupkg for Install-PSResource / Install-Module and
               out/packages/DrupalOAuth.zip for Azure Automation (the module folder, named after the module)
      Bench    Build, then the benchmarks in bench/, which print ratios
.PARAMETER NoBuild
    Skips the Build step that Test, Demo, Package and Bench start with and uses out/DrupalOAuth/ as it is.
.PARAMETER Runtime
    The PowerShell versions that Test runs the Pester suite on, one after the other: 7.6 is the pwsh running this
    script (dotnet pwsh), 7.4 (.NET 8, as many Azure Automation runbooks) a self-contained pwsh built from
    tests/pwsh74 into out/pwsh74, for Linux x64 only. Both by default on Linux x64, else 7.6.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -Runtime 7.4
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench')]
    [string[]] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [switch] $NoBuild,

    [ValidateSet('7.6', '7.4')]
    [string[]] $Runtime = $(if ($IsLinux -and [Runtime.InteropServices.RuntimeInformation]::OSArchitecture -eq 'X64') { '7.6', '7.4' } else { '7.6' })
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'DrupalOAuth'

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor DarkGray
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.VersionPrefix |
        Where-Object { $_ } | Select-Object -First 1
}

# The newest section of CHANGELOG.md, without its heading: the manifest's ReleaseNotes.
function Get-ReleaseNotes {
    param([string] $Version)
    $changelog = Join-Path $root 'CHANGELOG.md'
    $lines = @(Get-Content -LiteralPath $changelog)
    $headings = @(for ($i = 0; $i -lt $lines.Count; $i++) { if ($lines[$i] -match '^## ') { $i } }) + $lines.Count
    if ($headings.Count -lt 2) { throw "$changelog has no section (a '## [version] - date' heading)." }
    if ($lines[$headings[0]] -notmatch '^## \[(?<name>[^\]]+)\]') { throw "$changelog`: '$($lines[$headings[0]])' is not a '## [version] - date' heading." }
    if ($Matches.name -ne 'Unreleased' -and $Matches.name -ne $Version) {
        throw "The newest section of $changelog is [$($Matches.name)], but the version is $Version (Directory.Build.props): add a section for $Version or [Unreleased]."
    }
    $notes = ($lines | Select-Object -Skip ($headings[0] + 1) -First ($headings[1] - $headings[0] - 1)) -join "`n"
    if (-not $notes.Trim()) { throw "The newest section of $changelog is empty." }
    if ($notes -match '[^\x00-\x7F]') { throw "The newest section of $changelog must be ASCII: Windows PowerShell 5.1 reads the manifest as ANSI." }
    $notes.Trim()
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $root 'DrupalOAuth.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet')
    if (Test-Path $moduleOut) { Remove-Item -Recurse -Force $moduleOut }
    $null = New-Item -ItemType Directory -Force $moduleOut

    # The cmdlet assembly and the types scripts name (DrupalOAuth.Contracts) at the root, in PowerShell's default context;
    # the engine and its dependencies in Dependencies/, loaded apart from other modules' (ModuleInitializer).
    # PowerShell itself is never shipped.
    $bin = Join-Path $root "src/DrupalOAuth.PowerShell/bin/$Configuration/netstandard2.0"
    $atRoot = 'DrupalOAuth.PowerShell.dll', 'DrupalOAuth.Contracts.dll'
    $dependencies = Join-Path $moduleOut 'Dependencies'
    $null = New-Item -ItemType Directory -Force $dependencies
    foreach ($dll in Get-ChildItem (Join-Path $bin '*.dll')) {
        Copy-Item $dll.FullName $(if ($dll.Name -in $atRoot) { $moduleOut } else { $dependencies })
    }
    if (Get-ChildItem $moduleOut -Recurse -Filter 'System.Management.Automation.dll') {
        throw 'System.Management.Automation.dll must not ship with the module.'
    }

    $version = Get-ModuleVersion
    $manifest = Get-Content -Raw (Join-Path $root 'DrupalOAuth.psd1')
    $manifest = $manifest -replace "ModuleVersion(\s*)=(\s*)'[^']*'", "ModuleVersion`$1=`$2'$version'"
    $notes = (Get-ReleaseNotes -Version $version) -replace "'", "''"
    $manifest = $manifest -replace "ReleaseNotes(\s*)=(\s*)'(?:[^']|'')*'", { "ReleaseNotes$($_.Groups[1])=$($_.Groups[2])'$notes'" }
    $manifestOut = Join-Path $moduleOut 'DrupalOAuth.psd1'
    Set-Content -Path $manifestOut -Value $manifest -Encoding utf8NoBOM
    foreach ($file in Get-ChildItem (Join-Path $root 'src/DrupalOAuth.PowerShell') -Include '*.ps1xml' -Recurse) {
        Copy-Item $file.FullName $moduleOut
    }
    $helpBuilder = Join-Path $root 'docs/Build-Help.ps1'
    if (Test-Path $helpBuilder) {
        & $helpBuilder -DocsPath (Join-Path $root 'docs') -OutputPath (Join-Path $moduleOut 'en-US')
    }
    $null = Test-ModuleManifest -Path $manifestOut -ErrorAction Stop
    Write-Host "Module $version laid out in $moduleOut"
}

function Get-NuGetPackageFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list
    return ($line -replace '^global-packages:\s*', '').Trim()
}

function Get-PesterPath {
    Invoke-Native dotnet @('restore', (Join-Path $root 'tests/pester/PesterDownload.csproj'), '--nologo', '-v', 'quiet')
    Join-Path (Get-NuGetPackageFolder) 'pester/5.7.1/tools/Pester.psd1'
}

# The pwsh of a -Runtime: this one, or pwsh 7.4 laid out in out/pwsh74 with the modules this one ships beside its own.
function Get-Pwsh {
    param([string] $Runtime)
    if ($Runtime -eq '7.6') { return Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh') }
    $folder = Join-Path $out 'pwsh74'
    Invoke-Native dotnet @('publish', (Join-Path $root 'tests/pwsh74/Pwsh74.csproj'), '-c', 'Release', '-o', $folder,
        "-p:PwshModules=$(Join-Path $PSHOME 'Modules')", '--nologo', '-v', 'quiet')
    Join-Path $folder 'pwsh'
}

function Invoke-UnitTests {
    $results = Join-Path $out 'TestResults'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    & dotnet test (Join-Path $root 'tests/unit/DrupalOAuth.Tests.csproj') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=unit.trx' --logger 'console;verbosity=minimal' --results-directory $results | Out-Host
    $trx = Join-Path $results 'unit.trx'
    if (-not (Test-Path $trx)) { throw 'The xUnit tests wrote no results.' }
    $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error; Skipped = [int]$counters.notExecuted }
}

# The Pester suite in a new pwsh of the runtime, so that the tests and the processes they start run there.
function Invoke-PesterTests {
    param([string] $Runtime, [string] $PesterPath)
    $pwsh = Get-Pwsh $Runtime
    $results = Join-Path $out "TestResults/pester-$Runtime"
    $arguments = '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1'),
        '-PesterPath', $PesterPath, '-ResultPath', "$results.xml", '-CountPath', "$results.json"
    # Unset, PSModulePath is computed by the new pwsh itself; inherited, it would keep this pwsh's $PSHOME/Modules.
    $modulePath, $env:PSModulePath = $env:PSModulePath, $null
    try { & $pwsh @arguments | Out-Host }
    finally { $env:PSModulePath = $modulePath }
    if (-not (Test-Path "$results.json")) { throw "Pester ($Runtime) ended without results (exit code $LASTEXITCODE)." }
    Get-Content -Raw "$results.json" | ConvertFrom-Json
}

function Invoke-Test {
    $unit = Invoke-UnitTests
    $pesterPath = Get-PesterPath
    $pester = [ordered]@{}
    foreach ($version in $Runtime) { $pester[$version] = Invoke-PesterTests -Runtime $version -PesterPath $pesterPath }
    $runs = @($unit) + $pester.Values
    $passed = ($runs.Passed | Measure-Object -Sum).Sum
    $failed = ($runs.Failed | Measure-Object -Sum).Sum
    $skipped = ($runs.Skipped | Measure-Object -Sum).Sum
    Write-Host "xUnit: $($unit.Passed) passed, $($unit.Failed) failed, $($unit.Skipped) skipped"
    foreach ($version in $pester.Keys) {
        $run = $pester[$version]
        Write-Host "Pester ($version): $($run.Passed) passed, $($run.Failed) failed, $($run.Skipped) skipped"
    }
    Write-Host "Tests: $passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $passed -eq 0) { throw "$failed tests failed." }
}

function Invoke-Package {
    if (-not (Test-Path (Join-Path $moduleOut 'DrupalOAuth.psd1'))) { throw "Build first: $moduleOut is missing." }
    $packages = Join-Path $out 'packages'
    $null = New-Item -ItemType Directory -Force $packages
    Get-ChildItem $packages -Filter 'DrupalOAuth*' | Remove-Item -Force

    # For Install-PSResource and Install-Module: DrupalOAuth.<version>.nupkg.
    Compress-PSResource -Path $moduleOut -DestinationPath $packages

    # For Azure Automation: a zip named after the module holding the module folder, each path under 140 characters.
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = Join-Path $packages 'DrupalOAuth.zip'
    [IO.Compression.ZipFile]::CreateFromDirectory($moduleOut, $zip, [IO.Compression.CompressionLevel]::Optimal, $true)
    $archive = [IO.Compression.ZipFile]::OpenRead($zip)
    try { $tooLong = @($archive.Entries.FullName | Where-Object Length -ge 140) }
    finally { $archive.Dispose() }
    if ($tooLong) { throw "Azure Automation refuses paths of 140 characters or more: $($tooLong -join ', ')" }

    Get-ChildItem $packages -Filter 'DrupalOAuth*' | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

foreach ($step in $Task) {
    if ($step -eq 'Build' -or -not $NoBuild) { Invoke-Build }
    switch ($step) {
        'Test' { Invoke-Test }
        'Demo' { & (Join-Path $root 'examples/Demo.ps1') -Configuration $Configuration }
        'Package' { Invoke-Package }
        'Bench' { & (Join-Path $root 'bench/Invoke-Benchmarks.ps1') -Configuration $Configuration }
    }
}
