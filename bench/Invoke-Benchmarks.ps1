<#
.SYNOPSIS
    Compares Invoke-DrupalGraphQL and Get-DrupalEntity -All with the hand-rolled Invoke-RestMethod scripts they
    replace, and prints ratios.
.DESCRIPTION
    Run by `./build.ps1 -Task Bench` after the build, against the bundled Drupal test server on 127.0.0.1. Prints,
    per approach, the time and the bytes allocated per call, the token requests the server saw, and each one's
    ratio to Invoke-RestMethod with a token fetched once. Figures, not assertions: nothing here fails on speed.
#>
[CmdletBinding()]
param(
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [ValidateRange(10, 10000)]
    [int] $Calls = 300,

    [ValidateRange(100, 100000)]
    [int] $Articles = 5000
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'out/DrupalOAuth/DrupalOAuth.psd1') -Force
Import-Module (Join-Path $root 'tests/DrupalTestServer/DrupalTestServer.psm1') -Force

$query = '{ nodeQuery { entities { ... on NodeArticle { title } } } }'
$clientId = 'backend'
$secretText = 'backend-secret'

function Measure-Approach {
    param([string] $Name, [int] $Count, [scriptblock] $Call)
    & $Call | Out-Null   # warm-up: JIT, connection pool
    $tokensBefore = (Get-DrupalTestServerStats -Server $server).tokenRequests
    $allocatedBefore = [GC]::GetTotalAllocatedBytes($true)
    $elapsed = Measure-Command { for ($i = 0; $i -lt $Count; $i++) { & $Call | Out-Null } }
    $allocated = [GC]::GetTotalAllocatedBytes($true) - $allocatedBefore
    [pscustomobject]@{
        Approach       = $Name
        Calls          = $Count
        MsPerCall      = [math]::Round($elapsed.TotalMilliseconds / $Count, 3)
        KBPerCall      = [math]::Round($allocated / 1KB / $Count, 1)
        TokenRequests  = (Get-DrupalTestServerStats -Server $server).tokenRequests - $tokensBefore
    }
}

$server = Start-DrupalTestServer -Configuration $Configuration
try {
    $tokenUri = "$($server.Uri)/oauth/token"
    $graphqlUri = "$($server.Uri)/graphql"
    $form = @{ grant_type = 'client_credentials'; client_id = $clientId; client_secret = $secretText }
    $body = @{ query = $query } | ConvertTo-Json -Compress

    Connect-DrupalApi -Uri $server.Uri -ClientId $clientId -ClientSecret (ConvertTo-SecureString $secretText -AsPlainText -Force)
    $token = (Invoke-RestMethod -Method Post -Uri $tokenUri -Body $form).access_token
    $headers = @{ Authorization = "Bearer $token" }

    $results = @(
        Measure-Approach 'Invoke-RestMethod, token fetched once' $Calls {
            (Invoke-RestMethod -Method Post -Uri $graphqlUri -Headers $headers -ContentType 'application/json' -Body $body).data.nodeQuery.entities
        }
        Measure-Approach 'Invoke-DrupalGraphQL -ExpandPath' $Calls {
            Invoke-DrupalGraphQL -Query $query -ExpandPath nodeQuery.entities
        }
        Measure-Approach 'Invoke-RestMethod, token per call' ([math]::Max(10, [int]($Calls / 5))) {
            $perCall = (Invoke-RestMethod -Method Post -Uri $tokenUri -Body $form).access_token
            (Invoke-RestMethod -Method Post -Uri $graphqlUri -Headers @{ Authorization = "Bearer $perCall" } -ContentType 'application/json' -Body $body).data.nodeQuery.entities
        }
    )

    $baseline = $results[0]
    $results | ForEach-Object {
        $_ | Add-Member -NotePropertyName TimeRatio -NotePropertyValue ([math]::Round($_.MsPerCall / $baseline.MsPerCall, 2))
        $_ | Add-Member -NotePropertyName MemoryRatio -NotePropertyValue ([math]::Round($_.KBPerCall / $baseline.KBPerCall, 2)) -PassThru
    } | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
    Write-Host 'Ratios are to "Invoke-RestMethod, token fetched once"; below 1 is faster or leaner than it.'

    # Reading a whole site: every article through JSON:API, against the loop that follows links.next by hand.
    Invoke-DrupalTestServerControl -Server $server -Action 'content' -Body @{ articles = $Articles }
    $jsonApiHeaders = $headers + @{ Accept = 'application/vnd.api+json' }
    $paging = @(
        Measure-Approach "Invoke-RestMethod loop over links.next, $Articles articles" 3 {
            $next = "$($server.Uri)/jsonapi/node/article"
            while ($next) {
                $page = Invoke-RestMethod -Uri $next -Headers $jsonApiHeaders
                $page.data
                $next = $page.links.next.href
            }
        }
        Measure-Approach "Get-DrupalEntity -All, $Articles articles" 3 {
            Get-DrupalEntity node article -All
        }
    )
    $loop = $paging[0]
    $paging | ForEach-Object {
        $_ | Add-Member -NotePropertyName ItemsPerSecond -NotePropertyValue ([math]::Round($Articles / ($_.MsPerCall / 1000)))
        $_ | Add-Member -NotePropertyName TimeRatio -NotePropertyValue ([math]::Round($_.MsPerCall / $loop.MsPerCall, 2))
        $_ | Add-Member -NotePropertyName MemoryRatio -NotePropertyValue ([math]::Round($_.KBPerCall / $loop.KBPerCall, 2)) -PassThru
    } | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
    Write-Host 'Ratios are to the Invoke-RestMethod loop; MsPerCall and KBPerCall are per whole read.'
    Disconnect-DrupalApi
}
finally {
    Stop-DrupalTestServer -Server $server
}
