# Dot-sourced by the benchmark scripts: medians, timed rounds, figure lines and peak working sets. The functions read
# $Rounds, $modulePath, $pwsh and $server from the script that dot-sources them.

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    if ($sorted.Count % 2) { return $sorted[[int][math]::Floor($sorted.Count / 2)] }
    ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2
}

function Measure-Ms([scriptblock] $Work) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    & $Work | Out-Null
    $watch.Elapsed.TotalMilliseconds
}

# Runs each approach once per round, taking turns, after one warm-up each, so that none has the warmer process;
# returns the median ms of each.
function Measure-Turns([hashtable] $Approaches, [int] $Count = $Rounds) {
    $times = @{}
    foreach ($name in $Approaches.Keys) { Measure-Ms $Approaches[$name] | Out-Null; $times[$name] = [System.Collections.Generic.List[double]]::new() }
    for ($round = 0; $round -lt $Count; $round++) {
        foreach ($name in $Approaches.Keys) { $times[$name].Add((Measure-Ms $Approaches[$name])) }
    }
    $medians = @{}
    foreach ($name in $Approaches.Keys) { $medians[$name] = Get-Median $times[$name].ToArray() }
    $medians
}

# The median ms of $Rounds runs of $Work, each after $Before (not timed).
function Measure-Median([scriptblock] $Before, [scriptblock] $Work) {
    $times = for ($i = 0; $i -lt $Rounds; $i++) {
        if ($Before) { & $Before }
        Measure-Ms $Work
    }
    Get-Median $times
}

function Write-Figure([string] $Name, [string] $Value, [string] $Detail) {
    Write-Host ('{0,-40} {1,14}  {2}' -f $Name, $Value, $Detail)
}

# The peak working set of a fresh pwsh that connects to $server as $ClientId and runs $Job; MB.
function Measure-Peak([string] $Job, [string] $ClientId = 'backend', [string] $Secret = 'backend-secret') {
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$modulePath'
`$null = Connect-DrupalApi -Uri '$($server.Uri)' -ClientId '$ClientId' -ClientSecret (ConvertTo-SecureString '$Secret' -AsPlainText -Force) -SkipAdminCheck
`$before = [Diagnostics.Process]::GetCurrentProcess().WorkingSet64
`$null = & { $Job }
`$process = [Diagnostics.Process]::GetCurrentProcess(); `$process.Refresh()
"`$before `$(`$process.PeakWorkingSet64)"
"@
    $fields = (& $pwsh -NoProfile -NonInteractive -Command $script | Select-Object -Last 1) -split ' '
    [pscustomobject]@{ Before = [long]$fields[0] / 1MB; Peak = [long]$fields[1] / 1MB }
}
