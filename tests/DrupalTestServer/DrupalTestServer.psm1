#Requires -Version 7.4
# Starts, steers and stops the Drupal test server (see README.md beside this file) for Pester tests,
# the demo and the benchmarks.
Set-StrictMode -Version 3.0

function Start-DrupalTestServer {
    <#
    .SYNOPSIS
    Starts a Drupal test server on 127.0.0.1 and returns it once it listens.
    .DESCRIPTION
    The server stops by itself when this PowerShell process ends or after -MaxLifetimeSec, so a test
    run that fails before Stop-DrupalTestServer leaves nothing behind.
    .OUTPUTS
    An object with Uri (e.g. http://127.0.0.1:43117, no trailing slash), HttpsUri (the same server over
    https with a self-signed certificate, e.g. https://127.0.0.1:44001), DrupalVersion, Process, LogPath and
    ErrorLogPath.
    .PARAMETER DrupalVersion
    The Drupal major version the site answers as (10, the default, or 11: JSON:API 1.1, working-copy links,
    content_translation's fields, X-Generator "Drupal 11"); Reset-DrupalTestServer comes back to it.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [ValidateSet('Release', 'Debug')]
        [string] $Configuration = 'Release',

        [ValidateRange(1, 86400)]
        [int] $MaxLifetimeSec = 1800,

        [ValidateRange(1, 600)]
        [int] $TimeoutSec = 30,

        [ValidateSet(10, 11)]
        [int] $DrupalVersion = 10
    )

    $dll = Join-Path $PSScriptRoot "bin/$Configuration/net10.0/DrupalTestServer.dll"
    if (-not (Test-Path -LiteralPath $dll)) {
        throw "The Drupal test server is not built ($dll is missing). Build it first: dotnet build '$PSScriptRoot' -c $Configuration"
    }
    $dotnet = (Get-Command -Name dotnet -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source

    $base = Join-Path ([IO.Path]::GetTempPath()) "drupal-test-server-$([guid]::NewGuid().ToString('N'))"
    $portFile = "$base.port"
    $logPath = "$base.log"
    $errorLogPath = "$base.err.log"
    # Start-Process joins the arguments with spaces without quoting them: quote the paths.
    $start = @{
        FilePath               = $dotnet
        ArgumentList           = @("`"$dll`"", '--port-file', "`"$portFile`"", '--parent-pid', $PID, '--max-lifetime-sec', $MaxLifetimeSec, '--drupal-version', $DrupalVersion)
        RedirectStandardOutput = $logPath
        RedirectStandardError  = $errorLogPath
        PassThru               = $true
    }
    if ($IsWindows) { $start.WindowStyle = 'Hidden' }
    $process = Start-Process @start

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while (-not (Test-Path -LiteralPath $portFile)) {
        if ($process.HasExited) {
            $errors = Get-Content -LiteralPath $errorLogPath -Raw -ErrorAction SilentlyContinue
            throw "The Drupal test server exited with code $($process.ExitCode) before it listened. $errors"
        }
        if ([DateTime]::UtcNow -ge $deadline) {
            $process.Kill()
            throw "The Drupal test server did not listen within $TimeoutSec s; its output is in $logPath and $errorLogPath."
        }
        Start-Sleep -Milliseconds 50
    }

    # One line per listener, http first; the file is renamed into place, so both lines are there.
    $listeners = @(Get-Content -LiteralPath $portFile)
    [pscustomobject]@{
        PSTypeName    = 'DrupalTestServer'
        Uri           = $listeners[0].Trim()
        HttpsUri      = $listeners[1].Trim()
        DrupalVersion = $DrupalVersion
        Process       = $process
        LogPath       = $logPath
        ErrorLogPath  = $errorLogPath
        PortFile      = $portFile
    }
}

function Stop-DrupalTestServer {
    <#
    .SYNOPSIS
    Stops a server from Start-DrupalTestServer and removes its temporary files.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, ValueFromPipeline)]
        [pscustomobject] $Server
    )

    process {
        if (-not $PSCmdlet.ShouldProcess($Server.Uri, 'Stop the Drupal test server')) { return }
        if (-not $Server.Process.HasExited) {
            $Server.Process.Kill()
            $null = $Server.Process.WaitForExit(10000)
        }
        Remove-Item -LiteralPath $Server.PortFile, $Server.LogPath, $Server.ErrorLogPath -Force -ErrorAction SilentlyContinue
    }
}

function Get-DrupalTestServerStats {
    <#
    .SYNOPSIS
    The server's counters: tokenRequests, graphqlRequests, debugRequests, jsonapiRequests, filesRequests,
    echoRequests, tokensIssued, lastGraphqlAuthScheme, mutationsExecuted, jsonapiWrites, entitiesCreated,
    entitiesUpdated, entitiesDeleted, filesUploaded, uploads, compressedResponses, lastAcceptEncoding,
    graphqlCacheHits, jsonapiLog (the last 500 JSON:API request lines), jsonapiInFlight (JSON:API requests being
    served now), jsonapiMaxInFlight (the most at once since the last reset or Reset-DrupalTestServerConcurrency),
    jsonapiTimeline (the last 500 JSON:API requests as their answers began: at, ms until then, inFlight when it came,
    status, request), stormAnswers, maintenanceAnswers, hosts (per scheme://host: requests, withAuthorization),
    storedTokens.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server
    )

    Invoke-RestMethod -Uri "$($Server.Uri)/_test/stats"
}

function Invoke-DrupalTestServerControl {
    <#
    .SYNOPSIS
    POSTs to a control endpoint /_test/<Action>, with -Body sent as JSON.
    .EXAMPLE
    Invoke-DrupalTestServerControl -Server $server -Action fault -Body @{ route = 'graphql'; kind = 'status'; status = 503; retryAfter = '1' }
    .EXAMPLE
    Invoke-DrupalTestServerControl -Server $server -Action revoke
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server,

        [Parameter(Mandatory)]
        [ArgumentCompletions('reset', 'revoke', 'rotate-keys', 'token-delay', 'fault', 'content', 'jsonapi-delay', 'jsonapi-writes-delay', 'storm', 'maintenance', 'stats/reset-concurrency', 'jsonapi-links', 'jsonapi-mode', 'graphql-delay', 'graphql-cache', 'compression', 'empty', 'drupal-version')]
        [ValidatePattern('^[a-z][a-z-]*(/[a-z][a-z-]*)?$')]
        [string] $Action,

        [hashtable] $Body
    )

    $request = @{ Method = 'Post'; Uri = "$($Server.Uri)/_test/$Action" }
    if ($Body) {
        $request.Body = ConvertTo-Json -InputObject $Body -Depth 5 -Compress
        $request.ContentType = 'application/json'
    }
    # Most actions answer 204; pass on only an answer that has content.
    $answer = Invoke-RestMethod @request
    if ($answer -isnot [string] -or $answer.Length -gt 0) { $answer }
}

function Reset-DrupalTestServer {
    <#
    .SYNOPSIS
    Zeroes the counters, drops queued faults, the token, JSON:API (reads and writes) and GraphQL delays, the
    links' origin switch, the GraphQL answer cache and compression, ends a storm and maintenance mode, puts JSON:API
    back in read-only mode,
    brings back revoked tokens and the first signing key, and restores the 25 articles, 3 pages and 5 tags
    (JSON:API writes to nodes and tags are undone).
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server
    )

    if ($PSCmdlet.ShouldProcess($Server.Uri, 'Reset the Drupal test server')) {
        Invoke-DrupalTestServerControl -Server $Server -Action reset
    }
}

function Set-DrupalTestServerDelay {
    <#
    .SYNOPSIS
    Makes every request to -Route (token, jsonapi or graphql) wait -Milliseconds before it is answered (0 ends
    the delay); -Route jsonapi-writes makes JSON:API's POST, PATCH and DELETE wait that much more.
    .DESCRIPTION
    Each request waits on its own, so requests sent at once are served at once: with -Route jsonapi-writes
    -Milliseconds 150, eight PATCHes in parallel take about 150 ms, not 1.2 s (the stats' jsonapiMaxInFlight shows it).
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server,

        [Parameter(Mandatory)]
        [ValidateSet('token', 'jsonapi', 'jsonapi-writes', 'graphql')]
        [string] $Route,

        [Parameter(Mandatory)]
        [ValidateRange(0, 600000)]
        [int] $Milliseconds
    )

    if ($PSCmdlet.ShouldProcess($Server.Uri, "Delay $Route answers by $Milliseconds ms")) {
        Invoke-DrupalTestServerControl -Server $Server -Action "$Route-delay" -Body @{ ms = $Milliseconds }
    }
}

function Reset-DrupalTestServerConcurrency {
    <#
    .SYNOPSIS
    Starts a new measure of concurrency without resetting anything else: the stats' jsonapiMaxInFlight becomes the
    number in flight now, jsonapiTimeline is emptied and its times count from now.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server
    )

    if ($PSCmdlet.ShouldProcess($Server.Uri, 'Reset the concurrency measure')) {
        Invoke-DrupalTestServerControl -Server $Server -Action stats/reset-concurrency
    }
}

function Set-DrupalTestServerStorm {
    <#
    .SYNOPSIS
    For -Seconds, or for the next -Requests JSON:API requests, answers every JSON:API request (reads and writes) with
    -Status (429 or 503) and Retry-After: -RetryAfterSec, without carrying it out; -Off ends the storm early.
    .DESCRIPTION
    The answer is a JSON:API error document ({"jsonapi": ..., "errors": [{"title": "Too Many Requests", "status":
    "429", "detail": ...}]}), sent before authentication and before the delays, as a rate limiter in front of the
    site answers. The stats count these answers in stormAnswers; a new storm replaces the one going on; reset ends it.
    .EXAMPLE
    Set-DrupalTestServerStorm -Server $server -Status 429 -RetryAfterSec 1 -Seconds 3
    #>
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Seconds')]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server,

        [Parameter(Mandatory, ParameterSetName = 'Seconds')]
        [Parameter(Mandatory, ParameterSetName = 'Requests')]
        [ValidateSet(429, 503)]
        [int] $Status,

        [Parameter(ParameterSetName = 'Seconds')]
        [Parameter(ParameterSetName = 'Requests')]
        [ValidateRange(0, 600)]
        [int] $RetryAfterSec = 1,

        [Parameter(Mandatory, ParameterSetName = 'Seconds')]
        [ValidateRange(0.001, 600)]
        [double] $Seconds,

        [Parameter(Mandatory, ParameterSetName = 'Requests')]
        [ValidateRange(1, [int]::MaxValue)]
        [int] $Requests,

        [Parameter(Mandatory, ParameterSetName = 'Off')]
        [switch] $Off
    )

    $body, $action = switch ($PSCmdlet.ParameterSetName) {
        'Off' { @{ off = $true }, 'End the JSON:API storm' }
        'Seconds' { @{ status = $Status; retryAfter = $RetryAfterSec; seconds = $Seconds }, "Answer JSON:API with $Status for $Seconds s" }
        'Requests' { @{ status = $Status; retryAfter = $RetryAfterSec; requests = $Requests }, "Answer the next $Requests JSON:API requests with $Status" }
    }
    if ($PSCmdlet.ShouldProcess($Server.Uri, $action)) {
        Invoke-DrupalTestServerControl -Server $Server -Action storm -Body $body
    }
}

function Set-DrupalTestServerMaintenance {
    <#
    .SYNOPSIS
    Puts the site in maintenance mode (-On; with -Seconds it ends by itself) or takes it out (-Off): JSON:API
    answers 503 with Retry-After, as Drupal core's JSON:API does.
    .DESCRIPTION
    The answer is a JSON:API error document: title "Service Unavailable", status "503", detail "Drupal Test Site is
    currently under maintenance. We should be back shortly. Thank you for your patience.", and Retry-After a random
    whole number of seconds from -RetryAfterMinSec to -RetryAfterMaxSec for each answer (jsonapi.settings
    maintenance_header_retry_seconds, 5 to 10 by default; tests give shorter ones). It comes after authentication
    and routing (a bad token is still 401, an unknown path 404); admin-client (the administrator role, which holds
    "access site in maintenance mode") is served as usual. The stats count these answers in maintenanceAnswers.
    .EXAMPLE
    Set-DrupalTestServerMaintenance -Server $server -On -Seconds 2 -RetryAfterMinSec 1 -RetryAfterMaxSec 1
    #>
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'On')]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server,

        [Parameter(Mandatory, ParameterSetName = 'On')]
        [switch] $On,

        [Parameter(ParameterSetName = 'On')]
        [ValidateRange(0.001, 86400)]
        [double] $Seconds,

        [Parameter(ParameterSetName = 'On')]
        [ValidateRange(0, 3600)]
        [int] $RetryAfterMinSec = 5,

        [Parameter(ParameterSetName = 'On')]
        [ValidateRange(0, 3600)]
        [int] $RetryAfterMaxSec = 10,

        [Parameter(Mandatory, ParameterSetName = 'Off')]
        [switch] $Off
    )

    if ($Off) {
        if ($PSCmdlet.ShouldProcess($Server.Uri, 'Take the site out of maintenance mode')) {
            Invoke-DrupalTestServerControl -Server $Server -Action maintenance -Body @{ on = $false }
        }
        return
    }
    if ($RetryAfterMaxSec -lt $RetryAfterMinSec) {
        throw "-RetryAfterMaxSec ($RetryAfterMaxSec) must be at least -RetryAfterMinSec ($RetryAfterMinSec)."
    }
    $body = @{ on = $true; retryAfterMin = $RetryAfterMinSec; retryAfterMax = $RetryAfterMaxSec }
    if ($PSBoundParameters.ContainsKey('Seconds')) { $body.seconds = $Seconds }
    if ($PSCmdlet.ShouldProcess($Server.Uri, 'Put the site in maintenance mode')) {
        Invoke-DrupalTestServerControl -Server $Server -Action maintenance -Body $body
    }
}

function Set-DrupalTestServerContent {
    <#
    .SYNOPSIS
    Replaces the content with -Articles articles (nid 1 to N) and the 3 pages, and the tags with the 5 seeded ones;
    the articles whose nid is a multiple of -UnpublishedEvery are unpublished (0, the default: none).
    Reset-DrupalTestServer restores 25.
    .DESCRIPTION
    Each article gets the fields README.md lists, following from its nid: field_external_id EXT-{nid:D4},
    field_featured (nid % 3 = 0), field_keywords, field_rating (nid % 5 + 1, null when nid % 7 = 0), field_score
    (null), tags and an image. 20,000 articles answer a page of 50 in a few milliseconds.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server,

        [Parameter(Mandatory)]
        [ValidateRange(0, 100000)]
        [int] $Articles,

        [ValidateRange(0, 100000)]
        [int] $UnpublishedEvery = 0
    )

    if ($PSCmdlet.ShouldProcess($Server.Uri, "Replace the content with $Articles articles")) {
        Invoke-DrupalTestServerControl -Server $Server -Action content -Body @{ articles = $Articles; unpublishedEvery = $UnpublishedEvery }
    }
}

function Clear-DrupalTestServerContent {
    <#
    .SYNOPSIS
    Empties the site: no nodes, terms, files or translations; the next nid, tid and fid are 1 again. Users, the tags
    vocabulary and the consumers stay, and so do the switches (JSON:API mode, delays, the Drupal version).
    Reset-DrupalTestServer restores the seeded site.
    .DESCRIPTION
    POST /_test/empty. For an import into an empty site: Reset-DrupalTestServer, Set-DrupalTestServerJsonApiMode,
    then Clear-DrupalTestServerContent.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server
    )

    if ($PSCmdlet.ShouldProcess($Server.Uri, 'Remove every node, term and file')) {
        Invoke-DrupalTestServerControl -Server $Server -Action empty
    }
}

function Set-DrupalTestServerDrupalVersion {
    <#
    .SYNOPSIS
    Makes the site answer as Drupal -Version (10 or 11) until the next reset, which comes back to the version the
    server started with (Start-DrupalTestServer -DrupalVersion).
    .DESCRIPTION
    POST /_test/drupal-version. Drupal 11: the jsonapi member says version 1.1 (https://jsonapi.org/format/1.1/),
    node and term resources carry links.working-copy, nodes the attributes content_translation_source and
    content_translation_outdated, and every answer of the site X-Generator: Drupal 11 (https://www.drupal.org).
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server,

        [Parameter(Mandatory)]
        [ValidateSet(10, 11)]
        [int] $Version
    )

    if ($PSCmdlet.ShouldProcess($Server.Uri, "Answer as Drupal $Version")) {
        Invoke-DrupalTestServerControl -Server $Server -Action drupal-version -Body @{ version = $Version }
    }
}

function Set-DrupalTestServerLinkOrigin {
    <#
    .SYNOPSIS
    Makes JSON:API's absolute links use another origin of the same server, http://localhost:PORT (-Origin other),
    as a Drupal behind an unconfigured reverse proxy does, or the request's own again (-Origin request).
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server,

        [Parameter(Mandatory)]
        [ValidateSet('other', 'request')]
        [string] $Origin
    )

    if ($PSCmdlet.ShouldProcess($Server.Uri, "Make JSON:API links use the $Origin origin")) {
        Invoke-DrupalTestServerControl -Server $Server -Action jsonapi-links -Body @{ origin = $Origin }
    }
}

function Set-DrupalTestServerJsonApiMode {
    <#
    .SYNOPSIS
    Switches JSON:API between read-only mode (-ReadOnly, the default after start and reset: writes answer 405) and
    read-write mode (-ReadOnly:$false: POST, PATCH, DELETE of nodes and tags, and file uploads are carried out, with
    Drupal 10.5's value checks; README.md lists them, and the consumers that may write: editor-client,
    writer-client, admin-client).
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server,

        [switch] $ReadOnly
    )

    $mode = if ($ReadOnly) { 'read-only' } else { 'read-write' }
    if ($PSCmdlet.ShouldProcess($Server.Uri, "Put JSON:API in $mode mode")) {
        Invoke-DrupalTestServerControl -Server $Server -Action jsonapi-mode -Body @{ readOnly = [bool] $ReadOnly }
    }
}

function Set-DrupalTestServerGraphQLCache {
    <#
    .SYNOPSIS
    With -Enabled, /graphql sends a successful answer again (the same bytes, by user and request body) without
    running the query, until the content changes; without it (or -Enabled:$false, or reset) every request runs.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server,

        [switch] $Enabled
    )

    $state = if ($Enabled) { 'on' } else { 'off' }
    if ($PSCmdlet.ShouldProcess($Server.Uri, "Turn the GraphQL answer cache $state")) {
        Invoke-DrupalTestServerControl -Server $Server -Action graphql-cache -Body @{ enabled = [bool] $Enabled }
    }
}

function Set-DrupalTestServerCompression {
    <#
    .SYNOPSIS
    Compresses the answers of every route but /_test/ when the request's Accept-Encoding allows it: -Encoding gzip
    (only gzip), br (only brotli), any (brotli if accepted, else gzip) or none (the default after start and reset).
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server,

        [Parameter(Mandatory)]
        [ValidateSet('gzip', 'br', 'any', 'none')]
        [string] $Encoding
    )

    if ($PSCmdlet.ShouldProcess($Server.Uri, "Compress answers with $Encoding")) {
        Invoke-DrupalTestServerControl -Server $Server -Action compression -Body @{ encoding = $Encoding }
    }
}

function Add-DrupalTestServerFault {
    <#
    .SYNOPSIS
    Queues a fault that answers the next -Count requests of -Route instead of the route itself.
    .DESCRIPTION
    Kinds: status (-Status, optional -RetryAfter, -Body, -ContentType), html200, truncated, empty
    (optional -Status), delay (-Milliseconds), stall (optional -Milliseconds), slowbody (-Milliseconds,
    optional -Bytes), reset, resetafter, brokenbody, redirect (-Target or -Location, optional -Status), big (-MB),
    gzipbomb and huge (-MB, optional -Body, -ContentType; huge also -Extra @{ contentLength = $false }), nextlinks
    (-Extra @{ links = @{ ... } }), echo-error-description, echo-message, echo-detail, echo-title,
    echo-www-authenticate, echo-graphql-error, bom, invalid-utf8, lone-surrogate.
    -Extra adds members that later kinds read. README.md beside this file describes each kind.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [pscustomobject] $Server,

        [Parameter(Mandatory)]
        [ValidateSet('token', 'graphql', 'debug', 'jsonapi', 'files', 'echo')]
        [string] $Route,

        [Parameter(Mandatory)]
        [ArgumentCompletions('status', 'html200', 'truncated', 'empty', 'delay', 'stall', 'slowbody', 'reset', 'resetafter', 'brokenbody', 'redirect', 'big', 'gzipbomb', 'huge', 'nextlinks', 'echo-error-description', 'echo-message', 'echo-detail', 'echo-title', 'echo-www-authenticate', 'echo-graphql-error', 'bom', 'invalid-utf8', 'lone-surrogate')]
        [string] $Kind,

        [ValidateRange(1, 1000)]
        [int] $Count = 1,

        [int] $Status,

        [string] $RetryAfter,

        [string] $Body,

        [string] $ContentType,

        [int] $Milliseconds,

        [ValidateSet('same', 'other', 'downgrade', 'https')]
        [string] $Target,

        [string] $Location,

        [int] $Bytes,

        [int] $MB,

        [hashtable] $Extra = @{}
    )

    $fault = @{ route = $Route; kind = $Kind; count = $Count } + $Extra
    $optional = @{
        Status = 'status'; RetryAfter = 'retryAfter'; Body = 'body'; ContentType = 'contentType'; Milliseconds = 'ms'
        Target = 'target'; Location = 'location'; Bytes = 'bytes'; MB = 'mb'
    }
    foreach ($parameter in $optional.Keys) {
        if ($PSBoundParameters.ContainsKey($parameter)) { $fault[$optional[$parameter]] = $PSBoundParameters[$parameter] }
    }
    Invoke-DrupalTestServerControl -Server $Server -Action fault -Body $fault
}

Export-ModuleMember -Function Start-DrupalTestServer, Stop-DrupalTestServer, Get-DrupalTestServerStats,
    Invoke-DrupalTestServerControl, Reset-DrupalTestServer, Set-DrupalTestServerDelay, Set-DrupalTestServerContent,
    Clear-DrupalTestServerContent, Set-DrupalTestServerDrupalVersion,
    Reset-DrupalTestServerConcurrency, Set-DrupalTestServerStorm, Set-DrupalTestServerMaintenance,
    Set-DrupalTestServerLinkOrigin, Set-DrupalTestServerJsonApiMode,
    Set-DrupalTestServerGraphQLCache, Set-DrupalTestServerCompression, Add-DrupalTestServerFault
