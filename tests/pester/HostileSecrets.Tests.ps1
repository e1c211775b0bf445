# Against a hostile server (the test server's echo and mangling faults, loopback only): no client secret or access
# token in $Error, exception chains, targets, verbose, debug or warning lines, or a transcript; JSON with a
# byte-order mark read, and bad text a clear InvalidResponse after one request; -AsHashtable keeping keys that
# differ in case; and a slow pipeline holding the reading of a large streamed answer back, not memory.
Describe 'Hostile servers' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'ChildProcess.ps1')
        # The consumer whose secret needs encoding everywhere: ':', '/', '+', '&', '=' and a space.
        $script:SpaceClient = 'sp%ce'
        $script:SpaceSecret = 's3cr:t/+&= x'
        $script:Places = 'echo-error-description', 'echo-message', 'echo-detail', 'echo-title', 'echo-www-authenticate', 'echo-graphql-error'

        function Add-Fault([string] $Route, [string] $Kind, [int] $Count = 1, [hashtable] $With = @{}) {
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body (@{ route = $Route; kind = $Kind; count = $Count } + $With)
        }

        # Every form in which a value could show: as is, URL-encoded (%20 and +, upper and lower hex), JSON-escaped and HTML-encoded.
        function Get-Forms([string[]] $Values) {
            foreach ($value in $Values) {
                $value
                $escaped = [uri]::EscapeDataString($value)
                $escaped; $escaped.ToLowerInvariant()
                $form = [Net.WebUtility]::UrlEncode($value)
                $form; $form.ToLowerInvariant()
                [Text.Encodings.Web.JavaScriptEncoder]::Default.Encode($value)
                [Net.WebUtility]::HtmlEncode($value)
            }
        }

        function Get-Basic([string] $ClientId, [string] $Secret) {
            [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${ClientId}:$Secret"))
        }

        # All the text an error record shows anywhere: its message, each exception of the chain (and further
        # errors), its target as text and as JSON, its details.
        function Get-RecordText([Management.Automation.ErrorRecord] $Record) {
            $Record.ToString()
            "$($Record.ErrorDetails)"
            for ($e = $Record.Exception; $null -ne $e; $e = $e.InnerException) {
                $e.ToString()
                if ($e.PSObject.Properties['FurtherErrors']) { $e.FurtherErrors | ForEach-Object { $_.ToString(); "$($_.Target)" } }
            }
            $target = $Record.TargetObject
            "$target"
            if ($null -ne $target -and $target -isnot [string]) { $target | ConvertTo-Json -Depth 6 -Compress -WarningAction Ignore }
        }

        # Runs the call under -ErrorAction $ErrorAction with -Verbose and -Debug inside a transcript, and returns
        # everything it showed: error records (caught or in $Error), the other streams and the transcript file.
        function Invoke-Captured([scriptblock] $Call, [string] $ErrorAction) {
            $transcript = Join-Path $TestDrive "transcript-$([guid]::NewGuid()).txt"
            $global:Error.Clear()
            $records = [Collections.Generic.List[object]]::new()
            $DebugPreference = 'Continue'
            $null = Start-Transcript -Path $transcript
            try {
                $streams = & $Call $ErrorAction *>&1
            }
            catch {
                $records.Add($_)
            }
            finally {
                $null = Stop-Transcript
            }
            $records.AddRange(@($global:Error))
            $texts = @(
                foreach ($record in $records) { Get-RecordText $record }
                foreach ($item in $streams) { if ($item -is [Management.Automation.ErrorRecord]) { Get-RecordText $item } else { "$item" } }
                Get-Content -Raw -LiteralPath $transcript
            )
            [pscustomobject]@{ Text = $texts -join "`n"; Records = $records; ErrorIds = @($records | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) }
        }

        function Assert-Scrubbed($Captured, [string[]] $Values) {
            foreach ($form in Get-Forms $Values) {
                $Captured.Text.Contains($form) | Should -BeFalse -Because "'$form' must not show anywhere"
            }
            $Captured.Text | Should -Match '\[redacted\]' -Because 'the echo reached the message, scrubbed'
        }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'the client secret echoed by the token endpoint, as Connect-DrupalApi fails' {
        It '<place> with <authentication> authentication and -ErrorAction <action> shows no secret' -TestCases @(
            foreach ($place in 'echo-error-description', 'echo-message', 'echo-title', 'echo-www-authenticate') {
                foreach ($authentication in 'Body', 'Basic') {
                    foreach ($action in 'Stop', 'Continue') { @{ place = $place; authentication = $authentication; action = $action } }
                }
            }
        ) {
            Add-Fault -Route token -Kind $place
            $captured = Invoke-Captured -ErrorAction $action {
                param($ErrorAction)
                Connect-DrupalApi -Uri $Uri -ClientId $SpaceClient -ClientSecret (New-Secret $SpaceSecret) -ClientAuthentication $authentication -MaximumRetryCount 0 -Verbose -Debug -ErrorAction $ErrorAction
            }
            $captured.Records | Should -Not -BeNullOrEmpty
            Assert-Scrubbed $captured @($SpaceSecret, (Get-Basic $SpaceClient $SpaceSecret))
            Get-DrupalConnection | Should -BeNullOrEmpty
        }

        It '<place>, which the token endpoint''s errors do not quote, fails without the secret' -TestCases @(
            @{ place = 'echo-detail'; errorId = 'TokenRequestFailed' }, @{ place = 'echo-graphql-error'; errorId = 'InvalidTokenResponse' }
        ) {
            Add-Fault -Route token -Kind $place
            $captured = Invoke-Captured -ErrorAction Stop {
                param($ErrorAction)
                Connect-DrupalApi -Uri $Uri -ClientId $SpaceClient -ClientSecret (New-Secret $SpaceSecret) -MaximumRetryCount 0 -Verbose -Debug -ErrorAction $ErrorAction
            }
            $captured.ErrorIds | Should -Contain $errorId
            foreach ($form in Get-Forms $SpaceSecret) { $captured.Text.Contains($form) | Should -BeFalse }
        }
    }

    Context 'the access token echoed by the API' {
        BeforeEach {
            $null = Connect-Backend -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 }
            $script:Token = Get-DrupalToken -AsPlainText
        }

        It '<place> to Invoke-DrupalGraphQL under -ErrorAction <action> shows no token' -TestCases @(
            foreach ($place in 'echo-error-description', 'echo-message', 'echo-detail', 'echo-title', 'echo-www-authenticate', 'echo-graphql-error') {
                foreach ($action in 'Stop', 'Continue') { @{ place = $place; action = $action } }
            }
        ) {
            # A 401 gets a new token and one retry: both answers echo.
            Add-Fault -Route graphql -Kind $place -Count 2
            $captured = Invoke-Captured -ErrorAction $action {
                param($ErrorAction)
                Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -Verbose -Debug -ErrorAction $ErrorAction
            }
            $captured.Records | Should -Not -BeNullOrEmpty
            $tokens = @($Token, (Get-DrupalToken -AsPlainText)) | Select-Object -Unique
            Assert-Scrubbed $captured $tokens
        }

        It '<place> to Get-DrupalEntity shows no token' -TestCases @(
            @{ place = 'echo-detail' }, @{ place = 'echo-message' }, @{ place = 'echo-title' }
        ) {
            Add-Fault -Route jsonapi -Kind $place
            $captured = Invoke-Captured -ErrorAction Stop {
                param($ErrorAction)
                Get-DrupalEntity node article -Verbose -Debug -ErrorAction $ErrorAction
            }
            Assert-Scrubbed $captured $Token
        }

        It 'the admin check''s verbose line quoting a failed /oauth/debug shows no token' {
            Add-Fault -Route debug -Kind echo-message
            $captured = Invoke-Captured -ErrorAction Stop {
                param($ErrorAction)
                Connect-Backend -With @{ Verbose = $true; ErrorAction = $ErrorAction } | Out-Null
            }
            $captured.Text | Should -Match 'Could not check whether the consumer''s user is an administrator'
            Assert-Scrubbed $captured (Get-DrupalToken -AsPlainText)
        }
    }

    Context 'JSON with a byte-order mark, bad UTF-8 or a lone surrogate' {
        BeforeEach {
            $null = Connect-Backend -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 }
            $before = Get-Stats
        }

        It 'reads a byte-order mark before JSON from <name>' -TestCases @(
            @{ name = 'Invoke-DrupalRequest'; route = 'jsonapi'; call = { Invoke-DrupalRequest -Path '/jsonapi' }; check = { param($r) $r.links.'node--article'.href | Should -Match '/jsonapi/node/article$' } }
            @{ name = 'Invoke-DrupalGraphQL'; route = 'graphql'; call = { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery }; check = { param($r) $r.nodeQuery.entities | Should -HaveCount 10 } }
            @{ name = 'Invoke-DrupalGraphQL -ExpandPath'; route = 'graphql'; call = { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -ExpandPath nodeQuery.entities }; check = { param($r) $r | Should -HaveCount 10 } }
            @{ name = 'Get-DrupalEntity'; route = 'jsonapi'; call = { Get-DrupalEntity node article -Id (Get-DrupalEntity node article -First 1).id }; check = { param($r) $r.title | Should -Be 'Article 1' } }
        ) {
            if ($name -eq 'Get-DrupalEntity') { $null = Get-DrupalEntity node article -First 1 }
            Add-Fault -Route $route -Kind bom
            & $check (& $call)
        }

        It 'reads a byte-order mark before the token endpoint''s JSON' {
            Add-Fault -Route token -Kind bom
            (Connect-Backend -With @{ SkipAdminCheck = $true }).ClientId | Should -Be 'backend'
        }

        It '<kind> from <name> is InvalidResponse after one request' -TestCases @(
            foreach ($kind in 'invalid-utf8', 'lone-surrogate') {
                @{ kind = $kind; name = 'Invoke-DrupalRequest'; route = 'jsonapi'; stat = 'jsonapiRequests'; call = { Invoke-DrupalRequest -Path '/jsonapi/node/article' } }
                @{ kind = $kind; name = 'Invoke-DrupalGraphQL'; route = 'graphql'; stat = 'graphqlRequests'; call = { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery } }
                @{ kind = $kind; name = 'Invoke-DrupalGraphQL -ExpandPath'; route = 'graphql'; stat = 'graphqlRequests'; call = { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -ExpandPath nodeQuery.entities } }
                @{ kind = $kind; name = 'Get-DrupalEntity'; route = 'jsonapi'; stat = 'jsonapiRequests'; call = { Get-DrupalEntity node article -First 5 } }
            }
        ) {
            # Get-DrupalEntity reads the JSON:API index first (once a connection): have it, so the fault meets the collection.
            $null = Get-DrupalEntity node article -First 1
            $before = Get-Stats
            Add-Fault -Route $route -Kind $kind
            { & $call } | Should -Throw -ErrorId 'InvalidResponse*'
            $global:Error[0].Exception.Message | Should -Match 'not valid UTF-8 or UTF-16 text'
            (Get-Stats).$stat - $before.$stat | Should -Be 1
        }

        It '<kind> from the token endpoint is InvalidTokenResponse after one request' -TestCases @(
            @{ kind = 'invalid-utf8' }, @{ kind = 'lone-surrogate' }
        ) {
            Add-Fault -Route token -Kind $kind
            { Connect-Backend -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 } } | Should -Throw -ErrorId 'InvalidTokenResponse*'
            (Get-Stats).tokenRequests - $before.tokenRequests | Should -Be 1
        }
    }

    Context 'an HTML page for a GraphQL response' {
        It 'says what came, in our words, without the JSON parser''s' {
            $null = Connect-Backend -With @{ SkipAdminCheck = $true }
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body @{ route = 'graphql'; kind = 'html200' }
            { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery } | Should -Throw -ErrorId 'InvalidResponse*'
            $message = $global:Error[0].Exception.Message
            $message | Should -Match "answered 200 OK with an HTML page titled 'Home \| Drupal Test Site', which is not a GraphQL response\. Check -GraphQLPath"
            $message | Should -Not -Match 'invalid start|LineNumber|BytePosition|JSON:'
        }
    }

    Context '-AsHashtable and keys that differ only in case' {
        It 'keeps "a" and "A" as ConvertFrom-Json -AsHashtable does, from <name>' -TestCases @(
            @{ name = 'Invoke-DrupalRequest'; route = 'echo'; body = '{"a":1,"A":2,"n":{"b":1,"B":2}}'; call = { Invoke-DrupalRequest -Path '/_test/echo' -AsHashtable } }
            @{ name = 'Invoke-DrupalGraphQL'; route = 'graphql'; body = '{"data":{"a":1,"A":2,"n":{"b":1,"B":2}}}'; call = { Invoke-DrupalGraphQL -Query '{ a }' -AsHashtable } }
            @{ name = 'Invoke-DrupalGraphQL -ExpandPath'; route = 'graphql'; body = '{"data":{"list":[{"a":1,"A":2,"n":{"b":1,"B":2}}]}}'; call = { Invoke-DrupalGraphQL -Query '{ a }' -ExpandPath list -AsHashtable } }
        ) {
            $null = Connect-Backend -With @{ SkipAdminCheck = $true }
            Add-Fault -Route $route -Kind status -With @{ status = 200; body = $body; contentType = 'application/json' }
            $expected = ConvertFrom-Json '{"a":1,"A":2,"n":{"b":1,"B":2}}' -AsHashtable
            $answer = & $call
            @($answer.Keys) | Should -Be @($expected.Keys)
            $answer['a'] | Should -Be 1
            $answer['A'] | Should -Be 2
            @($answer['n'].Keys) | Should -Be @('b', 'B')
        }
    }

    Context 'a slow pipeline under a large streamed answer' {
        BeforeAll {
            $script:Child = @'
param($ModulePath, $Uri, $Seconds, $Mode)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$null = Connect-DrupalApi -Uri $Uri -ClientId backend -ClientSecret (ConvertTo-SecureString backend-secret -AsPlainText -Force) -SkipAdminCheck
$query = '{ nodeQuery { entities { ... on NodeArticle { title body } } } }'
$watch = [Diagnostics.Stopwatch]::StartNew()
$errorId = ''
$items = 0
if ($Mode -eq 'Stop') {
    # Ctrl+C: PowerShell.Stop() is what the console does, through StopProcessing.
    $shell = [powershell]::Create().AddScript({
        param($ModulePath, $Uri, $Query)
        Import-Module $ModulePath
        $null = Connect-DrupalApi -Uri $Uri -ClientId backend -ClientSecret (ConvertTo-SecureString backend-secret -AsPlainText -Force) -SkipAdminCheck
        Invoke-DrupalGraphQL -Query $Query -ExpandPath nodeQuery.entities | ForEach-Object { Start-Sleep -Milliseconds 50 }
    }.ToString()).AddArgument($ModulePath).AddArgument($Uri).AddArgument($query)
    $null = $shell.BeginInvoke()
    Start-Sleep -Seconds $Seconds
    $stopping = [Diagnostics.Stopwatch]::StartNew()
    $shell.Stop()
    $stopSeconds = $stopping.Elapsed.TotalSeconds
    $errorId = 'Stopped'
}
else {
    try {
        Invoke-DrupalGraphQL -Query $query -ExpandPath nodeQuery.entities -TimeoutSec $Seconds -MaximumRetryCount 0 | ForEach-Object { $items++; Start-Sleep -Milliseconds 50 }
    }
    catch {
        $errorId = $_.FullyQualifiedErrorId.Split(',')[0]
    }
    $stopSeconds = 0
}
[GC]::Collect()
$process = [Diagnostics.Process]::GetCurrentProcess()
[pscustomobject]@{ Seconds = $watch.Elapsed.TotalSeconds; StopSeconds = $stopSeconds; Items = $items; ErrorId = $errorId; PeakMB = [int]($process.PeakWorkingSet64 / 1MB) } | ConvertTo-Json -Compress
'@
            $script:ChildPath = Join-Path $TestDrive 'slow-consumer.ps1'
            Set-Content -LiteralPath $ChildPath -Value $Child
            $script:ModulePath = Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1'

            # A child process with a deadline, so that a read that never ends or eats memory fails its test, not the run.
            function Invoke-SlowConsumer([int] $Seconds, [string] $Mode) {
                Add-Fault -Route graphql -Kind big -With @{ mb = 400 }
                $result = Start-Pwsh -ArgumentList '-File', $ChildPath, $ModulePath, $Uri, $Seconds, $Mode | Wait-Pwsh -TimeoutSec 90
                $result.ExitCode | Should -Be 0 -Because $result.Text
                $result.Output | ConvertFrom-Json
            }
        }

        It 'keeps memory bounded, and -TimeoutSec ends the call at once' {
            $outcome = Invoke-SlowConsumer -Seconds 6 -Mode Timeout
            Write-Host "slow consumer, -TimeoutSec 6 on a 400 MB answer: $($outcome.Items) items, ended after $([math]::Round($outcome.Seconds, 1)) s, peak working set $($outcome.PeakMB) MB"
            $outcome.ErrorId | Should -Be 'Timeout'
            $outcome.Items | Should -BeGreaterThan 10
            $outcome.Seconds | Should -BeLessThan 30
            # Unbounded (measured): 368 MB after 6 s and growing, the answer becoming objects as fast as it came; bounded about 150.
            $outcome.PeakMB | Should -BeLessThan 250
        }

        It 'never makes the pipeline thread wait for room it alone can make: what it hands out is queued' {
            # Engine work runs on the pipeline thread until its first await that does not complete at once, and a fast
            # answer can be read that far in: waiting for room there was a deadlock until -TimeoutSec (a 20 MB answer
            # from a cache, about one call in ten).
            $type = [DrupalOAuth.Commands.Infrastructure.DrupalCmdlet].Assembly.GetType('DrupalOAuth.Commands.Infrastructure.PipelineLog', $true)
            $log = [Activator]::CreateInstance($type, [Reflection.BindingFlags]'Instance,Public,NonPublic', $null, @($false, $false), $null)
            $items = [object[]]::new(5000)
            $deadline = [Threading.CancellationTokenSource]::new([TimeSpan]::FromSeconds(5))
            $output = $type.GetMethod('Output')
            { foreach ($batch in 1..2) { $null = $output.Invoke($log, @($items, $deadline.Token)) } } | Should -Not -Throw
            $deadline.IsCancellationRequested | Should -BeFalse
        }

        It 'ends at once on Ctrl+C while the reader waits for the pipeline' {
            $outcome = Invoke-SlowConsumer -Seconds 4 -Mode Stop
            Write-Host "slow consumer, stopped after 4 s: Stop() took $([math]::Round($outcome.StopSeconds, 2)) s, peak working set $($outcome.PeakMB) MB"
            $outcome.StopSeconds | Should -BeLessThan 10
            $outcome.PeakMB | Should -BeLessThan 250
        }
    }
}
