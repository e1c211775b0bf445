<#
.SYNOPSIS
    Measures the module against hand-written Invoke-RestMethod scripts and a raw C# loop, in one run, and prints one
    line per goal of issue 10 with the ratio, the goal and the medians behind it.
.DESCRIPTION
    Run by `./build.ps1 -Task Bench` after the build. Starts the bundled Drupal test server on 127.0.0.1 and builds
    bench/RawLoop (one HttpClient and System.Text.Json: the floor). Each figure is the median of several rounds,
    the approaches taking turns so that what the machine does meanwhile touches them alike. Peak working sets come
    from a fresh pwsh per approach. Figures, not assertions: nothing here fails on speed.
#>
[CmdletBinding()]
param(
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Goal 1: sequential small GraphQL calls per round.
    [ValidateRange(10, 10000)]
    [int] $Calls = 500,

    [ValidateRange(1, 20)]
    [int] $Rounds = 5,

    # Goal 2: nodes of the large GraphQL answer (about 400 bytes each).
    [ValidateRange(1000, 100000)]
    [int] $Nodes = 50000,

    # Goal 3: articles read through JSON:API, and the test server's delay per page.
    [ValidateRange(100, 100000)]
    [int] $Articles = 5000,

    [ValidateRange(0, 1000)]
    [int] $PageDelayMs = 100,

    # Which goals to measure, by number.
    # Goal 7: JSON:API PATCHes, and the test server's write delay (its time for each).
    [ValidateRange(10, 100000)]
    [int] $Writes = 1000,

    [ValidateRange(0, 1000)]
    [int] $WriteDelayMs = 150,

    [ValidateRange(1, 7)]
    [int[]] $Goal = (1..7)
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
$modulePath = Join-Path $root 'out/DrupalOAuth/DrupalOAuth.psd1'
Import-Module $modulePath -Force
Import-Module (Join-Path $root 'tests/DrupalTestServer/DrupalTestServer.psm1') -Force

& dotnet build (Join-Path $PSScriptRoot 'RawLoop') -c Release --nologo -v quiet | Out-Null
if ($LASTEXITCODE) { throw "Building bench/RawLoop failed with exit code $LASTEXITCODE." }
$rawLoop = Join-Path $PSScriptRoot 'RawLoop/bin/Release/net10.0/RawLoop.dll'
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

$clientId = 'backend'
$secretText = 'backend-secret'
$smallQuery = '{ nodeQuery { entities { ... on NodeArticle { title } } } }'
$largeQuery = "{ nodeQuery(limit: $Nodes) { count entities { ... on NodeArticle { id nid uuid title status promote sticky created changed langcode body author entityUuid entityLabel entityBundle } } } }"
$lines = [System.Collections.Generic.List[string]]::new()
. (Join-Path $PSScriptRoot 'BenchTools.ps1')

function Invoke-RawLoop([string[]] $Arguments) {
    $output = & dotnet $rawLoop @Arguments
    if ($LASTEXITCODE) { throw "RawLoop $($Arguments[0]) failed with exit code $LASTEXITCODE." }
    $output | ConvertFrom-Json
}

function Write-Goal([string] $Goal, [double] $Ratio, [string] $Target, [bool] $Met, [string] $Medians) {
    $line = '{0,-34} {1,7} {2,-9} {3,-4} {4}' -f $Goal, ('{0:0.00}' -f $Ratio), $Target, ($(if ($Met) { 'met' } else { 'NOT' })), $Medians
    $lines.Add($line)
    Write-Host $line
}

function Format-Ms([double] $Ms) { if ($Ms -ge 100) { '{0:0} ms' -f $Ms } else { '{0:0.0} ms' -f $Ms } }

$server = Start-DrupalTestServer -Configuration $Configuration
try {
    $uri = $server.Uri
    $graphqlUri = "$uri/graphql"
    $form = @{ grant_type = 'client_credentials'; client_id = $clientId; client_secret = $secretText }
    $secret = ConvertTo-SecureString $secretText -AsPlainText -Force
    Connect-DrupalApi -Uri $uri -ClientId $clientId -ClientSecret $secret -SkipAdminCheck | Out-Null
    $token = (Invoke-RestMethod -Method Post -Uri "$uri/oauth/token" -Body $form).access_token
    $headers = @{ Authorization = "Bearer $token" }
    $smallBody = @{ query = $smallQuery } | ConvertTo-Json -Compress
    $largeBody = @{ query = $largeQuery } | ConvertTo-Json -Compress
    Write-Host ('{0,-34} {1,7} {2,-9} {3,-4} {4}' -f 'goal', 'ratio', 'target', '', 'medians')

    # 1. Call overhead. The server answers from its cache, as a small reference server would, so that the clients'
    # costs are what differ; it warms up first (its own JIT), then the raw loop runs before and after the module's
    # and Invoke-RestMethod's turns.
    if ($Goal -contains 1) {
    Set-DrupalTestServerGraphQLCache -Server $server -Enabled
    for ($i = 0; $i -lt 2 * $Calls; $i++) { $null = Invoke-DrupalGraphQL -Query $smallQuery }
    $rawArguments = @('graphql', '--uri', $uri, '--client-id', $clientId, '--client-secret', $secretText, '--query', $smallQuery, '--calls', $Calls, '--rounds', $Rounds)
    $rawRounds = @((Invoke-RawLoop $rawArguments).usPerCall)
    $small = Measure-Turns @{
        module = { for ($i = 0; $i -lt $Calls; $i++) { $null = Invoke-DrupalGraphQL -Query $smallQuery -ExpandPath nodeQuery.entities } }
        irm    = { for ($i = 0; $i -lt $Calls; $i++) { $null = (Invoke-RestMethod -Method Post -Uri $graphqlUri -Headers $headers -ContentType 'application/json' -Body $smallBody).data.nodeQuery.entities } }
    }
    $rawRounds += @((Invoke-RawLoop $rawArguments).usPerCall)
    # What PowerShell itself spends invoking a small built-in cmdlet: the part of the overhead no module avoids.
    $getRandomUs = (Measure-Turns @{ random = { for ($i = 0; $i -lt $Calls; $i++) { $null = Get-Random } } }).random * 1000 / $Calls
    $moduleUs = $small.module * 1000 / $Calls
    $irmUs = $small.irm * 1000 / $Calls
    $rawUs = Get-Median $rawRounds
    Write-Goal '1 call overhead vs raw C# loop' ($moduleUs / $rawUs) '<= 1.25' ($moduleUs / $rawUs -le 1.25) ('module {0:0} us, raw loop {1:0} us a call ({2:0} us above it; PowerShell invokes Get-Random in {3:0} us)' -f $moduleUs, $rawUs, ($moduleUs - $rawUs), $getRandomUs)
    Write-Goal '1 call overhead vs Invoke-RestMethod' ($moduleUs / $irmUs) '<= 0.50' ($moduleUs / $irmUs -le 0.5) ('module {0:0} us, Invoke-RestMethod {1:0} us a call; {2} calls x {3} rounds' -f $moduleUs, $irmUs, $Calls, $Rounds)
    Set-DrupalTestServerGraphQLCache -Server $server -Enabled:$false

    }

    # 2. A large answer: the server keeps its bytes, so the client's work is what is timed.
    if ($Goal -contains 2 -or $Goal -contains 6) {
    Set-DrupalTestServerContent -Server $server -Articles $Nodes
    Set-DrupalTestServerGraphQLCache -Server $server -Enabled
    $largeRounds = [math]::Max(3, [math]::Min($Rounds, 3))
    $rawLarge = Invoke-RawLoop @('large', '--uri', $uri, '--client-id', $clientId, '--client-secret', $secretText, '--query', $largeQuery, '--rounds', $largeRounds)
    $mb = $rawLarge.bytes / 1MB
    }

    if ($Goal -contains 2) {
    # Streamed: the items piped on (to Out-Null here; to Export-Csv or Where-Object in a script), each left to
    # the garbage collector once used. Collected: all of them kept in a variable, which costs PowerShell's
    # objects far more collector time.
    $large = Measure-Turns -Count $largeRounds @{
        module             = { Invoke-DrupalGraphQL -Query $largeQuery -ExpandPath nodeQuery.entities }
        hashtable          = { Invoke-DrupalGraphQL -Query $largeQuery -ExpandPath nodeQuery.entities -AsHashtable }
        irm                = { (Invoke-RestMethod -Method Post -Uri $graphqlUri -Headers $headers -ContentType 'application/json' -Body $largeBody).data.nodeQuery.entities }
        moduleCollected    = { $items = Invoke-DrupalGraphQL -Query $largeQuery -ExpandPath nodeQuery.entities; $items.Count }
        hashtableCollected = { $items = Invoke-DrupalGraphQL -Query $largeQuery -ExpandPath nodeQuery.entities -AsHashtable; $items.Count }
        irmCollected       = { $items = (Invoke-RestMethod -Method Post -Uri $graphqlUri -Headers $headers -ContentType 'application/json' -Body $largeBody).data.nodeQuery.entities; $items.Count }
    }
    Write-Goal '2 large answer, streamed on' ($large.module / $large.irm) '<= 0.25' ($large.module / $large.irm -le 0.25) ('{0:0.0} MB, {1} nodes: module {2}, Invoke-RestMethod {3}, raw C# JsonDocument {4}' -f $mb, $Nodes, (Format-Ms $large.module), (Format-Ms $large.irm), (Format-Ms $rawLarge.medianParseMs))
    Write-Goal '2 large answer, collected' ($large.moduleCollected / $large.irmCollected) '<= 0.25' ($large.moduleCollected / $large.irmCollected -le 0.25) ('into a variable: module {0}, Invoke-RestMethod {1}' -f (Format-Ms $large.moduleCollected), (Format-Ms $large.irmCollected))
    Write-Goal '2 large answer, -AsHashtable' ($large.hashtableCollected / $large.irmCollected) '< module' ($large.hashtableCollected -lt $large.moduleCollected) ('collected {0} (streamed {1}), against Invoke-RestMethod collected' -f (Format-Ms $large.hashtableCollected), (Format-Ms $large.hashtable))

    $firstRatios = for ($round = 0; $round -lt $largeRounds; $round++) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $first = $null
        Invoke-DrupalGraphQL -Query $largeQuery -ExpandPath nodeQuery.entities | ForEach-Object { if ($null -eq $first) { $first = $watch.Elapsed.TotalMilliseconds } }
        $last = $watch.Elapsed.TotalMilliseconds
        [pscustomobject]@{ First = $first; Last = $last; Ratio = $first / $last }
    }
    $firstRatio = Get-Median $firstRatios.Ratio
    Write-Goal '2 first item / last item' $firstRatio '<= 0.20' ($firstRatio -le 0.2) ('first {0}, last {1} (-ExpandPath into ForEach-Object)' -f (Format-Ms (Get-Median $firstRatios.First)), (Format-Ms (Get-Median $firstRatios.Last)))

    $peak = @{}
    foreach ($approach in 'irm', 'module') {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$modulePath'
`$form = @{ grant_type = 'client_credentials'; client_id = '$clientId'; client_secret = '$secretText' }
`$token = (Invoke-RestMethod -Method Post -Uri '$uri/oauth/token' -Body `$form).access_token
`$null = Connect-DrupalApi -Uri '$uri' -ClientId '$clientId' -ClientSecret (ConvertTo-SecureString '$secretText' -AsPlainText -Force) -SkipAdminCheck
`$before = [System.Diagnostics.Process]::GetCurrentProcess().WorkingSet64
`$items = $(if ($approach -eq 'irm') { "(Invoke-RestMethod -Method Post -Uri '$graphqlUri' -Headers @{ Authorization = `"Bearer `$token`" } -ContentType 'application/json' -Body '$largeBody').data.nodeQuery.entities" } else { "Invoke-DrupalGraphQL -Query '$largeQuery' -ExpandPath nodeQuery.entities" })
`$process = [System.Diagnostics.Process]::GetCurrentProcess(); `$process.Refresh()
"`$(`$items.Count) `$before `$(`$process.PeakWorkingSet64)"
"@
        $fields = (& $pwsh -NoProfile -NonInteractive -Command $script) -split ' '
        $peak[$approach] = [pscustomobject]@{ Items = [int]$fields[0]; Before = [long]$fields[1]; Peak = [long]$fields[2] }
    }
    Write-Goal '2 peak working set vs IRM' ($peak.module.Peak / $peak.irm.Peak) '<= 1.00' ($peak.module.Peak -le $peak.irm.Peak) ('module {0:0} MB, Invoke-RestMethod {1:0} MB (fresh pwsh each, both with the module imported; {2:0} MB before the call)' -f ($peak.module.Peak / 1MB), ($peak.irm.Peak / 1MB), ($peak.module.Before / 1MB))

    }

    # 6. Wire: the same answer compressed by the server.
    if ($Goal -contains 6) {
    # Taking turns with the uncompressed answer, the server switched before each request.
    $before = (Get-DrupalTestServerStats -Server $server).compressedResponses
    $wire = Measure-Turns -Count $largeRounds @{
        none = { Set-DrupalTestServerCompression -Server $server -Encoding none; Invoke-DrupalGraphQL -Query $largeQuery -ExpandPath nodeQuery.entities -AsHashtable }
        gzip = { Set-DrupalTestServerCompression -Server $server -Encoding gzip; Invoke-DrupalGraphQL -Query $largeQuery -ExpandPath nodeQuery.entities -AsHashtable }
        br   = { Set-DrupalTestServerCompression -Server $server -Encoding br; Invoke-DrupalGraphQL -Query $largeQuery -ExpandPath nodeQuery.entities -AsHashtable }
    }
    $compressed = (Get-DrupalTestServerStats -Server $server).compressedResponses - $before
    foreach ($encoding in 'gzip', 'br') {
        Set-DrupalTestServerCompression -Server $server -Encoding $encoding
        $rawWire = Invoke-RawLoop @('large', '--uri', $uri, '--client-id', $clientId, '--client-secret', $secretText, '--query', $largeQuery, '--rounds', 1, '--warmup', 0, '--accept-encoding', $encoding)
        Write-Goal "6 $encoding answer vs uncompressed" ($wire[$encoding] / $wire.none) 'accepted' ($compressed -gt 0) ('{0:0.0} MB on the wire instead of {1:0.0} MB; {2} against {3} (-AsHashtable; raw C# loop {4})' -f ($rawWire.wireBytes / 1MB), $mb, (Format-Ms $wire[$encoding]), (Format-Ms $wire.none), (Format-Ms $rawWire.medianParseMs))
    }
    Set-DrupalTestServerCompression -Server $server -Encoding none
    }

    Set-DrupalTestServerGraphQLCache -Server $server -Enabled:$false

    # 3. Paging: every article through JSON:API, against the loop that follows links.next by hand.
    if ($Goal -contains 3) {
    Set-DrupalTestServerContent -Server $server -Articles $Articles
    $jsonApiHeaders = $headers + @{ Accept = 'application/vnd.api+json' }
    $loop = {
        $next = "$uri/jsonapi/node/article"
        while ($next) {
            $page = Invoke-RestMethod -Uri $next -Headers $jsonApiHeaders
            $page.data
            $next = $page.links.next.href
        }
    }
    $pages = [math]::Ceiling($Articles / 50)
    Set-DrupalTestServerDelay -Route jsonapi -Server $server -Milliseconds $PageDelayMs
    $slow = Measure-Turns -Count 3 @{
        loop     = $loop
        module   = { Get-DrupalEntity node article -All -ThrottleLimit 1 }
        parallel = { Get-DrupalEntity node article -All }
    }
    $floor = $pages * $PageDelayMs
    Write-Goal "3 -All -ThrottleLimit 1, $PageDelayMs ms a page" ($slow.module / $slow.loop) '<= 0.85' ($slow.module / $slow.loop -le 0.85) ('module {0}, Invoke-RestMethod loop {1}; the server alone {2} ({3:0.00} of the loop)' -f (Format-Ms $slow.module), (Format-Ms $slow.loop), (Format-Ms $floor), ($floor / $slow.loop))
    Write-Goal "3 -All default (4 at once), $PageDelayMs ms a page" ($slow.parallel / $slow.loop) '<= 0.30' ($slow.parallel / $slow.loop -le 0.30) ('module {0}, Invoke-RestMethod loop {1}; {2} pages of 50' -f (Format-Ms $slow.parallel), (Format-Ms $slow.loop), $pages)
    $rawSlow = Invoke-RawLoop @('paging', '--uri', $uri, '--client-id', $clientId, '--client-secret', $secretText, '--rounds', 1, '--warmup', 0)
    Write-Goal '3 raw C# loop, same delay' ($rawSlow.medianMs / $slow.loop) '(floor)' $true ('raw C# loop {0}: one request at a time cannot go below the delay plus the server''s own work per page' -f (Format-Ms $rawSlow.medianMs))
    Set-DrupalTestServerDelay -Route jsonapi -Server $server -Milliseconds 0
    $rawPaging = Invoke-RawLoop @('paging', '--uri', $uri, '--client-id', $clientId, '--client-secret', $secretText, '--rounds', $Rounds)
    $fast = Measure-Turns @{
        loop   = $loop
        module = { Get-DrupalEntity node article -All }
    }
    Write-Goal '3 -All, no delay' ($fast.module / $fast.loop) '<= 0.50' ($fast.module / $fast.loop -le 0.5) ('module {0} ({1:0} items/s), Invoke-RestMethod loop {2}, raw C# loop {3}' -f (Format-Ms $fast.module), ($Articles / $fast.module * 1000), (Format-Ms $fast.loop), (Format-Ms $rawPaging.medianMs))

    }

    # 3. -ChangedSince: 10 articles changed among $Articles, read by their time, against a full read; requests
    # counted by the server, after the connection's token and index.
    if ($Goal -contains 3) {
    Set-DrupalTestServerContent -Server $server -Articles $Articles
    Set-DrupalTestServerJsonApiMode -Server $server -ReadOnly:$false
    $editor = Connect-DrupalApi -Uri $uri -ClientId 'editor-client' -ClientSecret (ConvertTo-SecureString 'editor-secret' -AsPlainText -Force) -SkipAdminCheck -Name bench-changes -PassThru
    $null = Get-DrupalEntity node page -First 1 -Connection $editor
    # Drupal's changed counts whole seconds: from the start of this one, so that no change falls before it.
    $since = [DateTimeOffset]::FromUnixTimeSeconds([DateTimeOffset]::UtcNow.ToUnixTimeSeconds())
    $step = [int][math]::Floor($Articles / 10)
    foreach ($n in 1..10) {
        $null = Set-DrupalEntity node article -Id ('{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f ($n * $step)) -Attributes @{ title = "Changed $n" } -Connection $editor
    }
    $before = (Get-DrupalTestServerStats -Server $server).jsonapiRequests
    $changed = @(Get-DrupalEntity node article -ChangedSince $since -All -Connection $editor)
    $changedRequests = (Get-DrupalTestServerStats -Server $server).jsonapiRequests - $before
    $before = (Get-DrupalTestServerStats -Server $server).jsonapiRequests
    $null = Get-DrupalEntity node article -All -Connection $editor
    $fullRequests = (Get-DrupalTestServerStats -Server $server).jsonapiRequests - $before
    Write-Goal '3 -ChangedSince, 10 of them changed' $changedRequests '<= 2 req' ($changedRequests -le 2 -and $changed.Count -eq 10) ('{0} request(s) for the {1} articles changed among {2}, against {3} for a full read (requests, not a ratio)' -f $changedRequests, $changed.Count, $Articles, $fullRequests)
    $editor | Disconnect-DrupalApi
    Set-DrupalTestServerJsonApiMode -Server $server -ReadOnly:$true
    }

    # 4. Token traffic: 1,000 calls over 16 runspaces with a consumer whose token nobody holds yet, the connection
    # handed to each runspace as ForEach-Object -Parallel takes it ($using:).
    if ($Goal -contains 4) {
    $before = (Get-DrupalTestServerStats -Server $server).tokenRequests
    $connectMs = Measure-Ms { $script:shared = Connect-DrupalApi -Uri $uri -ClientId 'editor-client' -ClientSecret (ConvertTo-SecureString 'editor-secret' -AsPlainText -Force) -SkipAdminCheck -Name bench-tokens -PassThru }
    $timings = 1..16 | ForEach-Object -ThrottleLimit 16 -Parallel {
        Import-Module $using:modulePath
        $connection = $using:shared
        $query = $using:smallQuery
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $rest = for ($i = 0; $i -lt 63; $i++) { $watch.Restart(); $null = Invoke-DrupalGraphQL -Query $query -Connection $connection; $watch.Elapsed.TotalMilliseconds }
        [pscustomobject]@{ Median = ($rest | Sort-Object)[[int]($rest.Count / 2)]; Calls = 63 }
    }
    $tokenRequests = (Get-DrupalTestServerStats -Server $server).tokenRequests - $before
    $calls = ($timings | Measure-Object Calls -Sum).Sum
    $callMs = (Measure-Ms { for ($i = 0; $i -lt 50; $i++) { Invoke-DrupalGraphQL -Query $smallQuery -Connection $shared } }) / 50
    Write-Goal '4 token requests per 1,000 calls' ($tokenRequests * 1000 / $calls) '1' ($tokenRequests -le 1) ('{0} token request(s) for {1} calls in 16 runspaces, the connect included; the token fetch added {2} once (Connect-DrupalApi {3}, a call alone {4}, 16 at once {5})' -f $tokenRequests, $calls, (Format-Ms ($connectMs - $callMs)), (Format-Ms $connectMs), (Format-Ms $callMs), (Format-Ms (Get-Median $timings.Median)))
    }

    # 5. Import: a fresh pwsh with and without Import-Module, taking turns.
    if ($Goal -contains 5) {
    # Another module's import, as a yardstick: the first Import-Module of a session pays for PowerShell's module
    # machinery whatever the module.
    $empty = [System.Collections.Generic.List[double]]::new()
    $import = [System.Collections.Generic.List[double]]::new()
    $yardstick = [System.Collections.Generic.List[double]]::new()
    for ($round = 0; $round -lt 7; $round++) {
        $empty.Add((Measure-Ms { & $pwsh -NoProfile -NonInteractive -Command 'exit 0' }))
        $import.Add((Measure-Ms { & $pwsh -NoProfile -NonInteractive -Command "Import-Module '$modulePath'; exit 0" }))
        $yardstick.Add((Measure-Ms { & $pwsh -NoProfile -NonInteractive -Command 'Import-Module Microsoft.PowerShell.Utility; exit 0' }))
    }
    $added = (Get-Median $import.ToArray()) - (Get-Median $empty.ToArray())
    Write-Goal '5 Import-Module adds' $added '<= 150 ms' ($added -le 150) ('{0} with Import-Module, {1} without; Microsoft.PowerShell.Utility adds {2} (median of 7 fresh pwsh each)' -f (Format-Ms (Get-Median $import.ToArray())), (Format-Ms (Get-Median $empty.ToArray())), (Format-Ms ((Get-Median $yardstick.ToArray()) - (Get-Median $empty.ToArray()))))
    }

    # 7. Writes: $Writes PATCHes at $WriteDelayMs ms of server time each, one at a time against the raw C# loop, 8 at a
    # time against the hand-written Invoke-RestMethod loop; then a 429 storm (Retry-After: 1, 3 s) in the middle.
    if ($Goal -contains 7) {
    Set-DrupalTestServerJsonApiMode -Server $server -ReadOnly:$false
    Set-DrupalTestServerContent -Server $server -Articles $Writes
    Set-DrupalTestServerDelay -Server $server -Route jsonapi-writes -Milliseconds $WriteDelayMs
    $editor = Connect-DrupalApi -Uri $uri -ClientId 'editor-client' -ClientSecret (ConvertTo-SecureString 'editor-secret' -AsPlainText -Force) -SkipAdminCheck -Name bench-writes -PassThru
    $patchTargets = 1..$Writes | ForEach-Object { [pscustomobject]@{ type = 'node--article'; id = '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $_ } }
    $writeMs = @{}
    foreach ($limit in 1, 4, 8) {
        $writeMs[$limit] = Measure-Ms { $patchTargets | Set-DrupalEntity -Attributes @{ title = "Module $limit" } -ThrottleLimit $limit -Connection $editor }
    }
    $rawPatchMs = (Invoke-RawLoop @('patch', '--uri', $uri, '--client-id', 'editor-client', '--client-secret', 'editor-secret', '--calls', $Writes)).medianMs
    $editorToken = (Invoke-RestMethod -Method Post -Uri "$uri/oauth/token" -Body @{ grant_type = 'client_credentials'; client_id = 'editor-client'; client_secret = 'editor-secret' }).access_token
    $irmPatchMs = Measure-Ms {
        foreach ($target in $patchTargets) {
            $body = @{ data = @{ type = 'node--article'; id = $target.id; attributes = @{ title = 'Invoke-RestMethod' } } } | ConvertTo-Json -Depth 4 -Compress
            $null = Invoke-RestMethod -Method Patch -Uri "$uri/jsonapi/node/article/$($target.id)" -Headers @{ Authorization = "Bearer $editorToken"; Accept = 'application/vnd.api+json' } -ContentType 'application/vnd.api+json' -Body $body
        }
    }
    Write-Goal "7 $Writes PATCHes, -ThrottleLimit 1" ($writeMs[1] / $rawPatchMs) '<= 1.05' ($writeMs[1] / $rawPatchMs -le 1.05) ('module {0}, raw C# loop {1}; {2} ms of server time each' -f (Format-Ms $writeMs[1]), (Format-Ms $rawPatchMs), $WriteDelayMs)
    Write-Goal "7 $Writes PATCHes, -ThrottleLimit 8" ($writeMs[8] / $irmPatchMs) '<= 0.15' ($writeMs[8] / $irmPatchMs -le 0.15) ('module {0} (-ThrottleLimit 4: {1}), Invoke-RestMethod loop {2}; the floor is 0.125' -f (Format-Ms $writeMs[8]), (Format-Ms $writeMs[4]), (Format-Ms $irmPatchMs))

    # The storm starts when the middle item is taken; throughput is items written per second, before it against
    # the first whole second after it at 0.8 of that or more, counted from the storm's end.
    $updatedBefore = (Get-DrupalTestServerStats -Server $server).entitiesUpdated
    $written = [System.Collections.Generic.List[double]]::new()
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $stormAt = $null
    $taken = 0
    $patchTargets | ForEach-Object {
        if (++$taken -eq [int]($Writes / 2)) {
            $stormAt = $watch.Elapsed.TotalSeconds
            Set-DrupalTestServerStorm -Server $server -Status 429 -RetryAfterSec 1 -Seconds 3
        }
        $_
    } | Set-DrupalEntity -Attributes @{ title = 'Storm' } -ThrottleLimit 8 -MaximumRetryCount 20 -PassThru -Connection $editor | ForEach-Object { $written.Add($watch.Elapsed.TotalSeconds) }
    $stats = Get-DrupalTestServerStats -Server $server
    $updated = $stats.entitiesUpdated - $updatedBefore
    $stormEnd = $stormAt + 3
    $before = @($written | Where-Object { $_ -ge 1 -and $_ -lt $stormAt }).Count / [Math]::Max($stormAt - 1, 0.001)
    $recovery = $null
    for ($start = $stormEnd; $start + 1 -le $written[$written.Count - 1]; $start += 0.1) {
        if (@($written | Where-Object { $_ -ge $start -and $_ -lt $start + 1 }).Count -ge 0.8 * $before) { $recovery = $start + 1 - $stormEnd; break }
    }
    $allOnce = $written.Count -eq $Writes -and $updated -eq $Writes
    Write-Goal '7 429 storm: back to 0.8 within' ($(if ($null -eq $recovery) { [double]::NaN } else { $recovery })) '<= 10 s' ($allOnce -and $null -ne $recovery -and $recovery -le 10) ('{0} of {1} written, {2} updated on the server (none twice: {3}); {4:0} items/s before, {5} answers 429' -f $written.Count, $Writes, $updated, $allOnce, $before, $stats.stormAnswers)
    Set-DrupalTestServerDelay -Server $server -Route jsonapi-writes -Milliseconds 0
    $editor | Disconnect-DrupalApi
    }

    Write-Host ''
    Write-Host 'Ratios are the module''s time (or memory) over the other''s, measured in this run; below 1 is faster or leaner. Goal 5 is in ms, the storm''s in seconds.'
    Get-DrupalConnection | Disconnect-DrupalApi
}
finally {
    Stop-DrupalTestServer -Server $server
}
