<#
.SYNOPSIS
    Measures Export-DrupalContent, Import-DrupalContent and Compare-DrupalContent on the bundled test server: entities per second for articles with their tags and images, requests, and the peak working set.
.DESCRIPTION
    Run after the build (./build.ps1 -Task Build). Starts the bundled Drupal test server on 127.0.0.1 with -Articles
    articles (`POST /_test/content`: tags on most, an image on every third). Times are medians of -Rounds runs; peak
    working sets come from a fresh pwsh per job. Figures, not assertions: nothing here fails on speed.
      export          Export-DrupalContent node article -Path (the articles, their tags, their images with the
                      bytes), against Get-DrupalEntity -All of the same articles alone; -ThrottleLimit 4 against 1,
                      on the local server and with 50 ms a request (a site across a network)
      import          Import-DrupalContent of that folder into a second, empty server (Drupal 11 mode), then again
                      (every entity Unchanged, no write)
      compare         Compare-DrupalContent of the folder against the target, and of the two sites
      memory          the peak working set of an export of -MemoryArticles articles, and of -Articles, against a
                      fresh pwsh that only connects: flat means the two exports' peaks are close
#>
[CmdletBinding()]
param(
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [ValidateRange(100, 100000)]
    [int] $Articles = 1000,

    [ValidateRange(100, 100000)]
    [int] $MemoryArticles = 10000,

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
$work = Join-Path ([IO.Path]::GetTempPath()) "drupaloauth-content-$PID"
$null = New-Item -ItemType Directory -Force $work
. (Join-Path $PSScriptRoot 'BenchTools.ps1')

function Get-Requests { (Get-DrupalTestServerStats -Server $server).jsonapiRequests }

$server = Start-DrupalTestServer -Configuration $Configuration
try {
    $source = Connect-DrupalApi -Uri $server.Uri -ClientId 'backend' -ClientSecret (ConvertTo-SecureString 'backend-secret' -AsPlainText -Force) -SkipAdminCheck -PassThru
    Write-Host ('{0,-40} {1,14}  {2}' -f 'figure', 'value', 'detail')

    # Export.
    Set-DrupalTestServerContent -Server $server -Articles $Articles
    $folder = Join-Path $work 'content'
    # One whole run first: the JIT (the module's and the server's) is no part of the figures.
    $results = @(Export-DrupalContent node article -Path $folder)
    $entities = $results.Count
    $files = @($results | Where-Object EntityType -EQ 'file').Count
    $requests = Get-Requests
    $null = Export-DrupalContent node article -Path $folder
    $exportRequests = (Get-Requests) - $requests
    $turns = Measure-Turns @{ Parallel = { Export-DrupalContent node article -Path $folder }; Serial = { Export-DrupalContent node article -Path $folder -ThrottleLimit 1 } }
    $export, $serial = $turns.Parallel, $turns.Serial
    $readOnly = Measure-Median -Work { Get-DrupalEntity node article -All }
    Write-Figure 'export' ('{0:0} entities/s' -f ($entities / $export * 1000)) ('{0:0} ms for {1} articles, their tags and {2} images ({3} entities, {4} requests); {5:0.00} of Get-DrupalEntity -All of the articles alone ({6:0} ms)' -f $export, $Articles, $files, $entities, $exportRequests, ($export / $readOnly), $readOnly)
    Write-Figure 'export, -ThrottleLimit 1' ('{0:0} entities/s' -f ($entities / $serial * 1000)) ('{0:0} ms; -ThrottleLimit 4 takes {1:0.00} of it' -f $serial, ($export / $serial))
    # A site across a network: every JSON:API request waits 50 ms on the server. Requests at once pay off
    # there; on the local server above, with no wait, the server and the client share the same two cores.
    Set-DrupalTestServerDelay -Server $server -Route jsonapi -Milliseconds 50
    $turns = Measure-Turns @{ Parallel = { Export-DrupalContent node article -Path $folder }; Serial = { Export-DrupalContent node article -Path $folder -ThrottleLimit 1 } }
    $remote, $remoteSerial = $turns.Parallel, $turns.Serial
    Set-DrupalTestServerDelay -Server $server -Route jsonapi -Milliseconds 0
    Write-Figure 'export, 50 ms a request' ('{0:0} entities/s' -f ($entities / $remote * 1000)) ('{0:0} ms; -ThrottleLimit 1 {1:0} ms: -ThrottleLimit 4 takes {2:0.00} of it' -f $remote, $remoteSerial, ($remote / $remoteSerial))

    # Import into a second server in Drupal 11 mode, emptied before each run (admin-client may set every field), then
    # the same folder again: every entity Unchanged, nothing written. Compare: the folder against the site, and the two
    # sites against each other.
    $target = Start-DrupalTestServer -Configuration $Configuration -DrupalVersion 11
    try {
        $d11 = Connect-DrupalApi -Uri $target.Uri -ClientId 'admin-client' -ClientSecret (ConvertTo-SecureString 'admin-secret' -AsPlainText -Force) -Name 'd11' -SkipAdminCheck -PassThru
        $empty = { Reset-DrupalTestServer -Server $target; Set-DrupalTestServerJsonApiMode -Server $target -ReadOnly:$false; Clear-DrupalTestServerContent -Server $target }
        & $empty
        $null = Import-DrupalContent -Path $folder -Connection $d11
        $import = Measure-Median -Before $empty -Work { Import-DrupalContent -Path $folder -Connection $d11 }
        $writes = (Get-DrupalTestServerStats -Server $target).jsonapiWrites
        $again = Measure-Median -Work { Import-DrupalContent -Path $folder -Connection $d11 }
        $againWrites = (Get-DrupalTestServerStats -Server $target).jsonapiWrites - $writes
        $differences = @(Compare-DrupalContent -Reference $folder -Difference $d11).Count
        $compareFolder = Measure-Median -Work { Compare-DrupalContent -Reference $folder -Difference $d11 }
        $compareSites = Measure-Median -Work { Compare-DrupalContent -Reference $source -Difference $d11 -EntityType node -Bundle article }
        Write-Figure 'import into an empty site' ('{0:0} entities/s' -f ($entities / $import * 1000)) ('{0:0} ms for {1} entities, -ThrottleLimit 4; {2:0.00} of the export' -f $import, $entities, ($import / $export))
        Write-Figure 'import again (all Unchanged)' ('{0:0} entities/s' -f ($entities / $again * 1000)) ('{0:0} ms, {1} writes' -f $again, $againWrites)
        Write-Figure 'compare folder with site' ('{0:0} entities/s' -f ($entities / $compareFolder * 1000)) ('{0:0} ms, {1} differences; file bytes hashed from the site' -f $compareFolder, $differences)
        Write-Figure 'compare site with site' ('{0:0} entities/s' -f ($entities * 2 / $compareSites * 1000)) ('{0:0} ms for both sides ({1} entities each)' -f $compareSites, $entities)
    }
    finally {
        Stop-DrupalTestServer -Server $target
    }

    # Peak working sets, a fresh pwsh each: flat when the large export's peak is close to the small one's.
    $baseline = Measure-Peak ''
    $smallPeak = Measure-Peak "Export-DrupalContent node article -Path '$(Join-Path $work 'peak-small')'"
    Set-DrupalTestServerContent -Server $server -Articles $MemoryArticles
    $largePeak = Measure-Peak "Export-DrupalContent node article -Path '$(Join-Path $work 'peak-large')'"
    Write-Figure "peak working set, $Articles articles" ('{0:0} MB' -f $smallPeak.Peak) ('{0:0.00} of a fresh pwsh that only connects ({1:0} MB)' -f ($smallPeak.Peak / $baseline.Peak), $baseline.Peak)
    Write-Figure "peak working set, $MemoryArticles articles" ('{0:0} MB' -f $largePeak.Peak) ('{0:0.00} of the {1}-article export''s' -f ($largePeak.Peak / $smallPeak.Peak), $Articles)
}
finally {
    Get-DrupalConnection | Disconnect-DrupalApi
    Stop-DrupalTestServer -Server $server
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
