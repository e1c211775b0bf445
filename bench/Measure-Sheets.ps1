<#
.SYNOPSIS
    Measures Export-DrupalEntity and Import-DrupalEntity on the bundled test server: rows per second, the lookup
    requests of an import, the peak working set, and each against the hand-made pipeline it replaces.
.DESCRIPTION
    Run after the build (./build.ps1 -Task Build). Starts the bundled Drupal test server on 127.0.0.1 with -Articles
    articles. Times are medians of -Rounds runs; peak working sets come from a fresh pwsh per job. Figures, not
    assertions: nothing here fails on speed.
      export          Export-DrupalEntity node article -Path a.csv / a.xlsx, against
                      Get-DrupalEntity -All -Include uid,field_tags | Select-Object (flattening by hand) | Export-Csv
      import          Import-DrupalEntity of -Articles new rows (creates), against Import-Csv | New-DrupalEntity;
                      then the same sheet again (every row Unchanged: lookups only)
      lookups         the read requests an import of 1,000 rows makes to match keys and resolve tags by name
#>
[CmdletBinding()]
param(
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [ValidateRange(100, 100000)]
    [int] $Articles = 5000,

    [ValidateRange(1, 10)]
    [int] $Rounds = 3
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
$modulePath = Join-Path $root 'out/DrupalOAuth/DrupalOAuth.psd1'
$serverModule = Join-Path $root 'tests/DrupalTestServer/DrupalTestServer.psm1'
Import-Module $modulePath -Force
Import-Module $serverModule -Force
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$work = Join-Path ([IO.Path]::GetTempPath()) "drupaloauth-sheets-$PID"
$null = New-Item -ItemType Directory -Force $work
. (Join-Path $PSScriptRoot 'BenchTools.ps1')

function Get-Writes { (Get-DrupalTestServerStats -Server $server).jsonapiWrites }
function Get-Reads { $stats = Get-DrupalTestServerStats -Server $server; $stats.jsonapiRequests - $stats.jsonapiWrites }

$server = Start-DrupalTestServer -Configuration $Configuration
try {
    Set-DrupalTestServerJsonApiMode -Server $server -ReadOnly:$false
    $null = Connect-DrupalApi -Uri $server.Uri -ClientId 'editor-client' -ClientSecret (ConvertTo-SecureString 'editor-secret' -AsPlainText -Force) -SkipAdminCheck
    Write-Host ('{0,-40} {1,14}  {2}' -f 'figure', 'value', 'detail')

    # Export.
    Set-DrupalTestServerContent -Server $server -Articles $Articles
    $csv = Join-Path $work 'export.csv'
    $xlsx = Join-Path $work 'export.xlsx'
    $byHand = Join-Path $work 'by-hand.csv'
    # One whole run of each first: the JIT (the module's and the server's) is no part of the figures.
    $null = Export-DrupalEntity node article -Path $csv
    $null = Export-DrupalEntity node article -Path $xlsx
    $null = Get-DrupalEntity node article -All -Include uid, field_tags
    $exportCsv = Measure-Median -Work { Export-DrupalEntity node article -Path $csv }
    $exportXlsx = Measure-Median -Work { Export-DrupalEntity node article -Path $xlsx }
    $handMade = Measure-Median -Work {
        Get-DrupalEntity node article -All -Include uid, field_tags |
            Select-Object id, title, status, created, @{ n = 'body.value'; e = { $_.body.value } }, @{ n = 'body.format'; e = { $_.body.format } },
                @{ n = 'path.alias'; e = { $_.path.alias } }, @{ n = 'uid'; e = { $_.uid.name } }, @{ n = 'field_tags'; e = { $_.field_tags.name -join '; ' } } |
            Export-Csv -Path $byHand
    }
    $pipeline = Measure-Median -Work { Export-DrupalEntity node article }
    $readOnly = Measure-Median -Work { Get-DrupalEntity node article -All -Include uid, field_tags }
    Write-Figure 'export to the pipeline' ('{0:0} rows/s' -f ($Articles / $pipeline * 1000)) ('{0:0} ms; {1:0.00} of Get-DrupalEntity -All -Include uid,field_tags alone ({2:0} ms)' -f $pipeline, ($pipeline / $readOnly), $readOnly)
    Write-Figure 'export to .csv' ('{0:0} rows/s' -f ($Articles / $exportCsv * 1000)) ('{0:0} ms for {1} articles; {2:0.00} of Get-DrupalEntity -Include | Select-Object | Export-Csv ({3:0} ms)' -f $exportCsv, $Articles, ($exportCsv / $handMade), $handMade)
    Write-Figure 'export to .xlsx' ('{0:0} rows/s' -f ($Articles / $exportXlsx * 1000)) ('{0:0} ms; {1:0.00} of the hand-made CSV pipeline' -f $exportXlsx, ($exportXlsx / $handMade))

    # Import: the sheet of the export, as new articles (no id, a key of their own), then again.
    $rows = Import-Csv $csv | ForEach-Object { $_.id = ''; $_.field_external_id = "NEW-$($_.field_external_id)"; $_ }
    $newCsv = Join-Path $work 'new.csv'
    $rows | Export-Csv -Path $newCsv -UseQuotes AsNeeded
    $plain = Join-Path $work 'plain.csv'
    $rows | Select-Object title, status | Export-Csv -Path $plain
    $importMs = [Collections.Generic.List[double]]::new()
    $againMs = [Collections.Generic.List[double]]::new()
    $byHandMs = [Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $Rounds; $i++) {
        Set-DrupalTestServerContent -Server $server -Articles $Articles
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $null = Import-DrupalEntity node article -Path $newCsv -Key field_external_id
        $importMs.Add($watch.Elapsed.TotalMilliseconds)
        $writes = Get-Writes
        $watch.Restart()
        $again = Import-DrupalEntity node article -Path $newCsv -Key field_external_id
        $againMs.Add($watch.Elapsed.TotalMilliseconds)
        $againWrites = (Get-Writes) - $writes
        Set-DrupalTestServerContent -Server $server -Articles $Articles
        $watch.Restart()
        $null = Import-Csv $plain | New-DrupalEntity node article
        $byHandMs.Add($watch.Elapsed.TotalMilliseconds)
    }
    $import = Get-Median $importMs.ToArray()
    Write-Figure 'import, creating' ('{0:0} rows/s' -f ($Articles / $import * 1000)) ('{0:0} ms for {1} rows; {2:0.00} of Import-Csv | New-DrupalEntity with two columns ({3:0} ms)' -f $import, $Articles, ($import / (Get-Median $byHandMs.ToArray())), (Get-Median $byHandMs.ToArray()))
    $importAgain = Get-Median $againMs.ToArray()
    Write-Figure 'import again, all unchanged' ('{0:0} rows/s' -f ($Articles / $importAgain * 1000)) ('{0:0} ms; {1} rows Unchanged, {2} write requests' -f $importAgain, @($again | Where-Object Action -EQ 'Unchanged').Count, $againWrites)

    # Lookups of a 1,000-row import: keys and tags by name.
    Set-DrupalTestServerContent -Server $server -Articles $Articles
    $thousand = Join-Path $work 'thousand.csv'
    Import-Csv $csv | Select-Object -First 1000 | ForEach-Object { $_.id = ''; $_ } | Export-Csv -Path $thousand
    $reads = Get-Reads
    $null = Import-DrupalEntity node article -Path $thousand -Key field_external_id -WhatIf
    Write-Figure 'lookup requests, 1,000 rows' ('{0}' -f ((Get-Reads) - $reads)) 'GET requests of the pre-flight: fields, keys by field_external_id (IN of 50), tags and users by label, derived ids'

    # Peak working sets, a fresh pwsh each.
    $baseline = Measure-Peak '' -ClientId 'editor-client' -Secret 'editor-secret'
    $exportPeak = Measure-Peak "Export-DrupalEntity node article -Path '$(Join-Path $work 'peak.xlsx')'" -ClientId 'editor-client' -Secret 'editor-secret'
    Set-DrupalTestServerContent -Server $server -Articles $Articles
    $importPeak = Measure-Peak "`$null = Import-DrupalEntity node article -Path '$newCsv' -Key field_external_id" -ClientId 'editor-client' -Secret 'editor-secret'
    Write-Figure 'peak working set, export .xlsx' ('{0:0} MB' -f $exportPeak.Peak) ('{0:0.00} of a fresh pwsh that only connects ({1:0} MB)' -f ($exportPeak.Peak / $baseline.Peak), $baseline.Peak)
    Write-Figure 'peak working set, import .csv' ('{0:0} MB' -f $importPeak.Peak) ('{0:0.00} of a fresh pwsh that only connects' -f ($importPeak.Peak / $baseline.Peak))
}
finally {
    Get-DrupalConnection | Disconnect-DrupalApi
    Stop-DrupalTestServer -Server $server
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
