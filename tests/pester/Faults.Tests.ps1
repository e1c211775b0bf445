# The fault suite: every fault of the test server against the module. Each must end in success or in a clear
# error (a stable ErrorId and a message naming the URL and what Drupal said), fast, and never hang.
Describe 'Faults' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $graphql = 'DrupalOAuth.Commands.InvokeDrupalGraphQLCommand'
        $countQuery = '{ nodeQuery(limit: 1) { count } }'
        $createArticle = 'mutation { createArticle(data: {title: "From a fault test"}) { id title } }'

        function Add-Fault([string] $Route = 'graphql', [string] $Kind, [int] $Count = 1, [hashtable] $With = @{}) {
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body (@{ route = $Route; kind = $Kind; count = $Count } + $With)
        }

        # Retries at once: the backoff itself is unit-tested; here only what is retried and how often matters.
        function Connect-Fast([string] $ClientId = 'backend', [string] $Secret = $BackendSecretText, [hashtable] $With = @{}) {
            Connect-Backend -ClientId $ClientId -Secret $Secret -With (@{ RetryIntervalSec = 0; SkipAdminCheck = $true } + $With)
        }

        # Runs a call and says how it ended and how long it took, for the assertions and the closing figures.
        function Measure-Outcome([scriptblock] $Call) {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            try {
                $output = & $Call
                [pscustomobject]@{ Output = $output; ErrorId = $null; Message = $null; Seconds = $watch.Elapsed.TotalSeconds; Error = $null }
            }
            catch {
                [pscustomobject]@{ Output = $null; ErrorId = $_.FullyQualifiedErrorId.Split(',')[0]; Message = $_.Exception.Message; Seconds = $watch.Elapsed.TotalSeconds; Error = $_ }
            }
        }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        $null = Connect-Fast
        $before = Get-Stats
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'throttling: 429 and 503 with Retry-After' {
        It 'waits the seconds of Retry-After after a 429 and retries' {
            Add-Fault -Kind status -With @{ status = 429; retryAfter = '1' }
            $outcome = Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }
            $outcome.ErrorId | Should -BeNullOrEmpty
            $outcome.Output.nodeQuery.count | Should -Be 28
            $outcome.Seconds | Should -BeGreaterOrEqual 0.9
            (Get-Stats).graphqlRequests - $before.graphqlRequests | Should -Be 2
        }

        It 'waits for a Retry-After given as an HTTP date after a 503' {
            $date = [DateTimeOffset]::UtcNow.AddSeconds(2).ToString('r')
            Add-Fault -Kind status -With @{ status = 503; retryAfter = $date }
            $outcome = Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }
            $outcome.ErrorId | Should -BeNullOrEmpty
            $outcome.Seconds | Should -BeGreaterThan 0.5
            (Get-Stats).graphqlRequests - $before.graphqlRequests | Should -Be 2
        }

        It 'retries a mutation after a 429, since Drupal did not run it' {
            $null = Connect-Fast -ClientId 'editor-client' -Secret 'editor-secret'
            Add-Fault -Kind status -With @{ status = 429; retryAfter = '0' }
            (Invoke-DrupalGraphQL -Query $createArticle).createArticle.title | Should -Be 'From a fault test'
            (Get-Stats).mutationsExecuted | Should -Be 1
        }

        It 'does not wait for a Retry-After beyond 60 seconds but says how long Drupal asked for' {
            Add-Fault -Kind status -With @{ status = 503; retryAfter = '3600' }
            $outcome = Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }
            $outcome.ErrorId | Should -Be 'RetryAfterTooLong'
            $outcome.Message | Should -BeLike "*POST $Uri/graphql*503 Service Unavailable*3600 seconds*"
            $outcome.Seconds | Should -BeLessThan 10
            (Get-Stats).graphqlRequests - $before.graphqlRequests | Should -Be 1
        }

        It 'gives up after -MaximumRetryCount retries with the last status' {
            $null = Connect-Fast -With @{ MaximumRetryCount = 2 }
            Add-Fault -Kind status -Count 5 -With @{ status = 429; retryAfter = '0' }
            $outcome = Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }
            $outcome.ErrorId | Should -Be 'HttpError'
            $outcome.Message | Should -BeLike '*429 Too Many Requests 3 times in a row*'
            (Get-Stats).graphqlRequests - $before.graphqlRequests | Should -Be 3
        }

        It 'never retries with -MaximumRetryCount 0' {
            $null = Connect-Fast -With @{ MaximumRetryCount = 0 }
            Add-Fault -Kind status -With @{ status = 503; retryAfter = '0' }
            (Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }).ErrorId | Should -Be 'HttpError'
            (Get-Stats).graphqlRequests - $before.graphqlRequests | Should -Be 1
        }
    }

    Context 'gateway errors and broken connections: queries retried, mutations not' {
        It 'retries a query after <status>' -ForEach @(@{ status = 502 }, @{ status = 504 }, @{ status = 503 }) {
            Add-Fault -Kind status -With @{ status = $status }
            (Invoke-DrupalGraphQL -Query $countQuery -Verbose 4>&1 | Out-String) | Should -Match "retry 1 of 3"
            (Get-Stats).graphqlRequests - $before.graphqlRequests | Should -Be 2
        }

        It 'retries a query whose connection was reset' {
            Add-Fault -Kind reset
            (Invoke-DrupalGraphQL -Query $countQuery).nodeQuery.count | Should -Be 28
            (Get-Stats).graphqlRequests - $before.graphqlRequests | Should -Be 2
        }

        It 'reports ConnectionLost, naming the host, when the connection breaks on every retry' {
            Add-Fault -Kind reset -Count 10
            $outcome = Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }
            $outcome.ErrorId | Should -Be 'ConnectionLost'
            $outcome.Message | Should -BeLike '*127.0.0.1*POST*/graphql*'
            (Get-Stats).graphqlRequests - $before.graphqlRequests | Should -Be 4
        }

        It 'does not retry a mutation after <status>, which may have run' -ForEach @(@{ status = 502 }, @{ status = 504 }) {
            $null = Connect-Fast -ClientId 'editor-client' -Secret 'editor-secret'
            $outcome = Measure-Outcome { Add-Fault -Kind status -With @{ status = $status }; Invoke-DrupalGraphQL -Query $createArticle }
            $outcome.ErrorId | Should -Be 'HttpError'
            (Get-Stats).graphqlRequests - $before.graphqlRequests | Should -Be 1
        }

        It 'does not send a mutation again when its answer was lost: it ran exactly once' {
            $null = Connect-Fast -ClientId 'editor-client' -Secret 'editor-secret'
            Add-Fault -Kind resetafter
            $outcome = Measure-Outcome { Invoke-DrupalGraphQL -Query $createArticle }
            $outcome.ErrorId | Should -Be 'ConnectionLost'
            (Get-Stats).mutationsExecuted | Should -Be 1
            (Get-Stats).graphqlRequests - $before.graphqlRequests | Should -Be 1
        }

        It 'retries a mutation after a 502 with -RetryMutation' {
            $null = Connect-Fast -ClientId 'editor-client' -Secret 'editor-secret'
            Add-Fault -Kind status -With @{ status = 502 }
            (Invoke-DrupalGraphQL -Query $createArticle -RetryMutation).createArticle.title | Should -Be 'From a fault test'
            (Get-Stats).mutationsExecuted | Should -Be 1
        }
    }

    Context 'tokens that stop working' {
        It 'gets one new token and retries once after <action>' -ForEach @(@{ action = 'revoke' }, @{ action = 'rotate-keys' }) {
            Invoke-DrupalTestServerControl -Server $Server -Action $action
            (Invoke-DrupalGraphQL -Query $countQuery).nodeQuery.count | Should -Be 28
            $after = Get-Stats
            $after.tokenRequests - $before.tokenRequests | Should -Be 1
            $after.graphqlRequests - $before.graphqlRequests | Should -Be 2
        }

        It 'renews a token that expires in the middle of a run' {
            $null = Connect-Fast -ClientId 'short' -Secret 'short-secret'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $calls = 0
            while ($watch.Elapsed.TotalSeconds -lt 5) {
                $null = Invoke-DrupalGraphQL -Query $countQuery
                $calls++
                Start-Sleep -Milliseconds 250
            }
            $calls | Should -BeGreaterThan 10
            (Get-Stats).tokenRequests - $before.tokenRequests | Should -BeIn 2, 3
        }

        It 'fails with Unauthorized when even a new token is refused' {
            Add-Fault -Kind status -Count 2 -With @{ status = 401 }
            $outcome = Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }
            $outcome.ErrorId | Should -Be 'Unauthorized'
            $outcome.Message | Should -BeLike "*$Uri/graphql*401 Unauthorized*"
            (Get-Stats).tokenRequests - $before.tokenRequests | Should -Be 1
        }
    }

    Context 'the token endpoint failing' {
        It 'names the token URL, the status and the page title for an HTML 500' {
            Add-Fault -Route token -Kind status -With @{ status = 500 }
            $outcome = Measure-Outcome { Get-DrupalToken -Force }
            $outcome.ErrorId | Should -Be 'TokenRequestFailed'
            $outcome.Message | Should -BeLike "*$Uri/oauth/token*500 Internal Server Error*Error | Drupal Test Site*"
        }

        It 'retries a token request after a 503, with or without Retry-After' {
            Add-Fault -Route token -Kind status -With @{ status = 503; retryAfter = '0' }
            Add-Fault -Route token -Kind status -With @{ status = 503 }
            (Get-DrupalToken -Force).TokenType | Should -Be 'Bearer'
            (Get-Stats).tokenRequests - $before.tokenRequests | Should -Be 3
        }

        It 'names the token URL and Drupal''s words for invalid_client after a secret rotation' {
            $body = '{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}'
            Add-Fault -Route token -Kind status -With @{ status = 401; body = $body; contentType = 'application/json' }
            $outcome = Measure-Outcome { Get-DrupalToken -Force }
            $outcome.ErrorId | Should -Be 'InvalidClient'
            $outcome.Message | Should -BeLike "*Client authentication failed*invalid_client from $Uri/oauth/token*"
        }

        It 'times out a token request that takes longer than -TimeoutSec, naming the token URL' {
            $null = Connect-Fast -With @{ TimeoutSec = 1 }
            Set-DrupalTestServerDelay -Route token -Server $Server -Milliseconds 5000
            $outcome = Measure-Outcome { Get-DrupalToken -Force }
            $outcome.ErrorId | Should -Be 'Timeout'
            $outcome.Message | Should -BeLike "*$Uri/oauth/token*1 seconds*"
            $outcome.Seconds | Should -BeLessThan 4
        }
    }

    Context 'timeouts and Ctrl+C' {
        It 'cuts off a server that sends headers and then stalls, at -TimeoutSec' {
            $null = Connect-Fast -With @{ TimeoutSec = 2 }
            Add-Fault -Kind stall
            $outcome = Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }
            $outcome.ErrorId | Should -Be 'Timeout'
            $outcome.Message | Should -BeLike "*POST $Uri/graphql did not complete within 2 seconds*"
            $outcome.Seconds | Should -BeLessThan 6
            (Get-Stats).graphqlRequests - $before.graphqlRequests | Should -Be 1
        }

        It 'counts a slow body against -TimeoutSec' {
            $null = Connect-Fast -With @{ TimeoutSec = 1 }
            Add-Fault -Kind slowbody -With @{ ms = 200; bytes = 4 }
            (Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }).ErrorId | Should -Be 'Timeout'
        }

        It 'reads a slow body that arrives within -TimeoutSec' {
            Add-Fault -Kind slowbody -With @{ ms = 20; bytes = 16 }
            (Invoke-DrupalGraphQL -Query $countQuery).nodeQuery.count | Should -Be 28
        }

        It 'stops at once on Ctrl+C <while>' -ForEach @(
            @{ while = 'during a stalled request'; kind = 'stall'; with = @{} }
            @{ while = 'while waiting to retry'; kind = 'status'; with = @{ status = 503; retryAfter = '50' } }
            @{ while = 'while waiting for a token'; kind = 'token-delay'; with = @{} }
        ) {
            if ($kind -eq 'token-delay') {
                Invoke-DrupalTestServerControl -Server $Server -Action 'revoke'
                Set-DrupalTestServerDelay -Route token -Server $Server -Milliseconds 2500
            }
            else { Add-Fault -Kind $kind -With $with }
            $modulePath = Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1'
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddScript({
                        param($ModulePath, $Connection, $Query)
                        Import-Module $ModulePath
                        Invoke-DrupalGraphQL -Connection $Connection -Query $Query
                    }).AddArgument($modulePath).AddArgument((Get-DrupalConnection -Current)).AddArgument($countQuery)
                $running = $shell.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(20)
                while ((Get-Stats).graphqlRequests -eq $before.graphqlRequests -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
                Start-Sleep -Milliseconds 200
                $running.IsCompleted | Should -BeFalse -Because 'the server stalls and the timeout is 100 seconds'
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $shell.Stop()
                $watch.Stop()
                $shell.InvocationStateInfo.State | Should -Be 'Stopped'
                # Not a speed assertion: a request that ignored Ctrl+C would only end at the 100-second timeout.
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
                Write-Host "Ctrl+C to stopped $($while): $([int]$watch.Elapsed.TotalMilliseconds) ms"
            }
            finally {
                $shell.Dispose()
                # Ctrl+C stops the caller, not the token request other callers may share: let it end here.
                if ($kind -eq 'token-delay') {
                    $deadline = [DateTime]::UtcNow.AddSeconds(10)
                    while ((Get-Stats).tokensIssued -eq $before.tokensIssued -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                }
            }
        }
    }

    Context 'responses that lie' {
        It 'reports <kind> as InvalidResponse naming the URL and what came back' -ForEach @(
            @{ kind = 'html200'; with = @{}; says = "*200 OK*HTML page titled 'Home | Drupal Test Site'*" }
            @{ kind = 'truncated'; with = @{}; says = '*200 OK*not a GraphQL response*' }
            @{ kind = 'empty'; with = @{}; says = '*200 OK*empty*' }
            @{ kind = 'status'; with = @{ status = 200; body = '[1, 2, 3]'; contentType = 'application/json' }; says = '*JSON array*' }
            @{ kind = 'status'; with = @{ status = 200; body = '"data"'; contentType = 'application/json' }; says = '*JSON string*' }
        ) {
            Add-Fault -Kind $kind -With $with
            $outcome = Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }
            $outcome.ErrorId | Should -Be 'InvalidResponse'
            $outcome.Message | Should -BeLike "*POST $Uri/graphql*"
            $outcome.Message | Should -BeLike $says
            $outcome.Error.Exception.InnerException | Should -Not -BeOfType [NullReferenceException]
        }

        It 'writes the data and a GraphQLError for a response with both data and errors' {
            $body = '{"data":{"nodeQuery":{"count":28}},"errors":[{"message":"Partly failed","path":["nodeQuery","entities"],"extensions":{"category":"user"}}]}'
            Add-Fault -Kind status -With @{ status = 200; body = $body; contentType = 'application/json' }
            $data = Invoke-DrupalGraphQL -Query $countQuery -ErrorVariable graphqlErrors -ErrorAction SilentlyContinue
            $data.nodeQuery.count | Should -Be 28
            $graphqlErrors | Should -HaveCount 1
            $graphqlErrors[0].FullyQualifiedErrorId | Should -Be "GraphQLError,$graphql"
            $graphqlErrors[0].Exception.Message | Should -BeLike '*nodeQuery.entities*Partly failed*'
        }

        It 'reads JSON sent with the wrong Content-Type' {
            Add-Fault -Kind status -With @{ status = 200; body = '{"data":{"nodeQuery":{"count":28}}}'; contentType = 'text/html' }
            (Invoke-DrupalGraphQL -Query $countQuery).nodeQuery.count | Should -Be 28
        }

        It 'reads a multi-megabyte response' {
            Add-Fault -Kind big -With @{ mb = 8 }
            $entities = Invoke-DrupalGraphQL -Query $countQuery -ExpandPath nodeQuery.entities
            $entities.Count | Should -BeGreaterThan 5000
            $entities[0].title | Should -Be 'Article 1'
        }
    }

    Context 'redirects' {
        It 'follows a 307 on the same origin, token and all' {
            Add-Fault -Kind redirect -With @{ target = 'same' }
            (Invoke-DrupalGraphQL -Query $countQuery).nodeQuery.count | Should -Be 28
            $host127 = (Get-Stats).hosts.$Uri
            $host127.withAuthorization - $before.hosts.$Uri.withAuthorization | Should -Be 2
        }

        It 'never sends the token to another origin' {
            Add-Fault -Kind redirect -With @{ target = 'other' }
            $outcome = Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }
            $outcome.ErrorId | Should -Be 'RedirectRefused'
            $outcome.Message | Should -BeLike "*$Uri/graphql*localhost*"
            $other = $Uri -replace '127\.0\.0\.1', 'localhost'
            (Get-Stats).hosts.$other.withAuthorization | Should -BeIn $null, 0
        }

        It 'never sends the client secret to another origin' {
            Add-Fault -Route token -Kind redirect -With @{ target = 'other' }
            $outcome = Measure-Outcome { Get-DrupalToken -Force }
            $outcome.ErrorId | Should -Be 'RedirectRefused'
            $other = $Uri -replace '127\.0\.0\.1', 'localhost'
            (Get-Stats).hosts.$other.requests | Should -BeIn $null, 0
        }

        It 'refuses to turn a POST into a GET on a <status>' -ForEach @(@{ status = 301 }, @{ status = 302 }, @{ status = 303 }) {
            Add-Fault -Kind redirect -With @{ target = 'same'; status = $status }
            (Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }).ErrorId | Should -Be 'RedirectRefused'
        }

        It 'stops a redirect loop' {
            Add-Fault -Kind redirect -Count 50 -With @{ target = 'same' }
            $outcome = Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }
            $outcome.ErrorId | Should -Be 'RedirectRefused'
            (Get-Stats).graphqlRequests - $before.graphqlRequests | Should -Be 6
        }

        It 'refuses a redirect from https down to http' {
            $null = Connect-DrupalApi -Uri $Server.HttpsUri -ClientId backend -ClientSecret (New-Secret $BackendSecretText) -SkipCertificateCheck -SkipAdminCheck -WarningAction SilentlyContinue
            Add-Fault -Kind redirect -With @{ target = 'downgrade' }
            $outcome = Measure-Outcome { Invoke-DrupalGraphQL -Query $countQuery }
            $outcome.ErrorId | Should -Be 'RedirectRefused'
            $outcome.Message | Should -BeLike '*https to http*'
            (Get-Stats).hosts.$Uri.requests | Should -Be $before.hosts.$Uri.requests
        }
    }

    Context 'TLS' {
        It 'refuses a self-signed certificate, naming the host' {
            $outcome = Measure-Outcome { Connect-DrupalApi -Uri $Server.HttpsUri -ClientId backend -ClientSecret (New-Secret $BackendSecretText) -Name tls }
            $outcome.ErrorId | Should -Be 'ConnectionFailed'
            $outcome.Message | Should -BeLike '*127.0.0.1*certificate*'
            Get-DrupalConnection -Name tls -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'accepts it with -SkipCertificateCheck, with a warning' {
            $connection = Connect-DrupalApi -Uri $Server.HttpsUri -ClientId backend -ClientSecret (New-Secret $BackendSecretText) -Name tls -SkipCertificateCheck -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings | Should -HaveCount 1
            "$warnings" | Should -BeLike '*-SkipCertificateCheck*not checked*'
            $connection.SkipCertificateCheck | Should -BeTrue
            (Invoke-DrupalGraphQL -Connection tls -Query $countQuery).nodeQuery.count | Should -Be 28
        }
    }

    Context 'unreachable sites' {
        It 'names the host when DNS cannot find it' {
            $outcome = Measure-Outcome { Connect-DrupalApi -Uri 'https://no-such-site.invalid' -ClientId backend -ClientSecret (New-Secret 'x') -Name dns }
            $outcome.ErrorId | Should -Be 'ConnectionFailed'
            $outcome.Message | Should -BeLike '*no-such-site.invalid*'
        }

        It 'names the host when nothing listens' {
            $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
            $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
            $outcome = Measure-Outcome { Connect-DrupalApi -Uri "http://127.0.0.1:$port" -ClientId backend -ClientSecret (New-Secret 'x') -Name refused }
            $outcome.ErrorId | Should -Be 'ConnectionFailed'
            $outcome.Message | Should -BeLike "*127.0.0.1*"
            $outcome.Seconds | Should -BeLessThan 5 -Because 'a refused connection is not retried'
        }
    }
}
