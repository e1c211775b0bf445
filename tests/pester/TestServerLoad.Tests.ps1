# The test server's switches for site-scale jobs (tests/DrupalTestServer/README.md, "Test control"): the write delay
# served side by side, the in-flight counts, the 429/503 storm, Drupal's maintenance mode, and `changed` moving.
# Requests go out on a plain HttpClient, so that no retry of the module hides an answer.
Describe 'Drupal test server under load' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $http = [Net.Http.HttpClient]::new()
        $http.Timeout = [TimeSpan]::FromSeconds(30)
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
        function Get-Bearer([string] $ClientId, [string] $Secret) {
            $form = @{ grant_type = 'client_credentials'; client_id = $ClientId; client_secret = $Secret }
            (Invoke-RestMethod -Method Post -Uri "$Uri/oauth/token" -Body $form).access_token
        }
        function New-Request([string] $Method, [string] $Path, [string] $Token, [string] $Json) {
            $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::new($Method), "$Uri$Path")
            if ($Token) { $request.Headers.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $Token) }
            if ($Json) { $request.Content = [Net.Http.StringContent]::new($Json, [Text.Encoding]::UTF8, 'application/vnd.api+json') }
            $request
        }
        function New-TitlePatch([int] $Nid, [string] $Title, [string] $Token) {
            $id = Get-Uuid $Nid
            $json = @{ data = @{ type = 'node--article'; id = $id; attributes = @{ title = $Title } } } | ConvertTo-Json -Depth 5 -Compress
            New-Request 'PATCH' "/jsonapi/node/article/$id" $Token $json
        }
        # Status, Retry-After (or $null), content type, the body as text and parsed, of one request sent and awaited.
        function Send-Raw([Net.Http.HttpRequestMessage] $Request) {
            $response = $http.SendAsync($Request).GetAwaiter().GetResult()
            $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
            [pscustomobject]@{
                Status      = [int] $response.StatusCode
                RetryAfter  = if ($response.Headers.RetryAfter) { [int] $response.Headers.RetryAfter.Delta.TotalSeconds } else { $null }
                ContentType = "$($response.Content.Headers.ContentType)"
                Text        = $text
                Body        = if ("$($response.Content.Headers.ContentType)" -match 'json') { $text | ConvertFrom-Json } else { $null }
            }
        }
        function Get-Article([int] $Nid) { Send-Raw (New-Request 'GET' "/jsonapi/node/article/$(Get-Uuid $Nid)") }
        $writer = Get-Bearer 'writer-client' 'writer-secret'
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
    }
    AfterAll { $http.Dispose(); Stop-DrupalTestServer -Server $Server }

    Context 'the write delay' {
        It 'delays writes by -Route jsonapi-writes and leaves reads as they are' {
            Set-DrupalTestServerDelay -Server $Server -Route jsonapi-writes -Milliseconds 500
            (Get-Article 1).Status | Should -Be 200
            (Send-Raw (New-TitlePatch 1 'Delayed' $writer)).Status | Should -Be 200
            # The server's own times, which a busy test machine does not add to.
            $read, $write = (Get-Stats).jsonapiTimeline
            $read.request | Should -BeLike 'GET *'
            $read.ms | Should -BeLessThan 500
            $write.request | Should -BeLike 'PATCH *'
            $write.ms | Should -BeGreaterOrEqual 490 -Because 'timers may fire a few ms early'
        }

        It 'serves 8 PATCHes sent at once side by side, and counts them in flight' {
            Set-DrupalTestServerDelay -Server $Server -Route jsonapi-writes -Milliseconds 400
            $sending = 1..8 | ForEach-Object { $http.SendAsync((New-TitlePatch $_ "Parallel $_" $writer)) }
            [Threading.Tasks.Task]::WaitAll([Threading.Tasks.Task[]] $sending)
            $responses = $sending.Result
            $responses.StatusCode | Sort-Object -Unique | Should -Be 'OK'
            $stats = Get-Stats
            $stats.entitiesUpdated | Should -Be 8
            $stats.jsonapiMaxInFlight | Should -BeGreaterOrEqual 4
            $stats.jsonapiInFlight | Should -Be 0
            $patches = @($stats.jsonapiTimeline | Where-Object request -Like 'PATCH *')
            $patches | Should -HaveCount 8
            $patches.ms | ForEach-Object { $_ | Should -BeGreaterOrEqual 390 -Because 'timers may fire a few ms early' }
            ($patches.inFlight | Measure-Object -Maximum).Maximum | Should -BeGreaterOrEqual 4
            # From the first arrival to the last answer, in the server's own times.
            $span = ($patches | ForEach-Object { $_.at + $_.ms } | Measure-Object -Maximum).Maximum - ($patches.at | Measure-Object -Minimum).Minimum
            $span | Should -BeLessThan 1600 -Because '8 × 400 ms one at a time would take 3.2 s'
            (Get-Article 8).Body.data.attributes.title | Should -Be 'Parallel 8'
        }

        It 'starts a new measure of concurrency with Reset-DrupalTestServerConcurrency, keeping the other counters' {
            $null = [Threading.Tasks.Task]::WhenAll([Threading.Tasks.Task[]] (1..3 | ForEach-Object { $http.GetAsync("$Uri/jsonapi/node/article") })).GetAwaiter().GetResult()
            (Get-Stats).jsonapiTimeline | Should -HaveCount 3
            Reset-DrupalTestServerConcurrency -Server $Server
            $stats = Get-Stats
            $stats.jsonapiMaxInFlight | Should -Be 0
            @($stats.jsonapiTimeline) | Should -HaveCount 0
            $stats.jsonapiRequests | Should -Be 3
            @($stats.jsonapiLog) | Should -HaveCount 3
        }
    }

    Context 'a storm' {
        It 'answers every JSON:API request 429 with Retry-After for -Seconds, without carrying it out, then as usual' {
            Set-DrupalTestServerStorm -Server $Server -Status 429 -RetryAfterSec 1 -Seconds 1
            $read = Get-Article 1
            $write = Send-Raw (New-TitlePatch 2 'In the storm' $writer)
            foreach ($answer in $read, $write) {
                $answer.Status | Should -Be 429
                $answer.RetryAfter | Should -Be 1
                $answer.ContentType | Should -Be 'application/vnd.api+json'
                $answer.Body.jsonapi.version | Should -Be '1.0'
                $answer.Body.errors[0].title | Should -Be 'Too Many Requests'
                $answer.Body.errors[0].status | Should -Be '429'
            }
            $read.Body.errors[0].links.via.href | Should -Be "$Uri/jsonapi/node/article/$(Get-Uuid 1)"
            Start-Sleep -Milliseconds 1100
            (Get-Article 2).Body.data.attributes.title | Should -Be 'Article 2' -Because 'the PATCH in the storm was not carried out'
            (Send-Raw (New-TitlePatch 2 'After the storm' $writer)).Status | Should -Be 200
            $stats = Get-Stats
            $stats.stormAnswers | Should -Be 2
            $stats.entitiesUpdated | Should -Be 1
            @($stats.jsonapiTimeline.status) | Should -Be @(429, 429, 200, 200)
        }

        It 'answers the next -Requests with 503, before the token is checked, and -Off ends a storm early' {
            Set-DrupalTestServerStorm -Server $Server -Status 503 -RetryAfterSec 2 -Requests 2
            $refused = Send-Raw (New-Request 'GET' '/jsonapi/node/article' 'not-a-token')
            $refused.Status | Should -Be 503
            $refused.RetryAfter | Should -Be 2
            $refused.Body.errors[0].title | Should -Be 'Service Unavailable'
            (Get-Article 1).Status | Should -Be 503
            (Get-Article 1).Status | Should -Be 200
            Set-DrupalTestServerStorm -Server $Server -Status 429 -Seconds 60
            (Get-Article 1).Status | Should -Be 429
            Set-DrupalTestServerStorm -Server $Server -Off
            (Get-Article 1).Status | Should -Be 200
            (Get-Stats).stormAnswers | Should -Be 3
        }

        It 'ends with reset' {
            Set-DrupalTestServerStorm -Server $Server -Status 429 -Seconds 60
            Reset-DrupalTestServer -Server $Server
            (Get-Article 1).Status | Should -Be 200
        }
    }

    Context 'maintenance mode' {
        It 'answers 503 with a Retry-After from Drupal''s range and its error document' {
            Set-DrupalTestServerMaintenance -Server $Server -On
            $answer = Get-Article 1
            $answer.Status | Should -Be 503
            $answer.RetryAfter | Should -BeGreaterOrEqual 5
            $answer.RetryAfter | Should -BeLessOrEqual 10
            $answer.ContentType | Should -Be 'application/vnd.api+json'
            $answer.Body.jsonapi.version | Should -Be '1.0'
            $answer.Body.errors | Should -HaveCount 1
            $answer.Body.errors[0].title | Should -Be 'Service Unavailable'
            $answer.Body.errors[0].status | Should -Be '503'
            $answer.Body.errors[0].detail | Should -Be 'Drupal Test Site is currently under maintenance. We should be back shortly. Thank you for your patience.'
            $answer.Body.errors[0].links.info.href | Should -Be 'http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.4'
            (Get-Stats).maintenanceAnswers | Should -Be 1
        }

        It 'refuses writes, keeps 401 and 404 as they are, serves the administrator, and ends with -Off' {
            Set-DrupalTestServerMaintenance -Server $Server -On -RetryAfterMinSec 1 -RetryAfterMaxSec 2
            $write = Send-Raw (New-TitlePatch 3 'In maintenance' $writer)
            $write.Status | Should -Be 503
            $write.RetryAfter | Should -BeIn 1, 2
            (Send-Raw (New-Request 'GET' '/jsonapi/node/article' 'not-a-token')).Status | Should -Be 401
            (Send-Raw (New-Request 'GET' '/jsonapi/no/such/route')).Status | Should -Be 404
            $admin = Get-Bearer 'admin-client' 'admin-secret'
            (Send-Raw (New-Request 'GET' "/jsonapi/node/article/$(Get-Uuid 3)" $admin)).Status | Should -Be 200
            Set-DrupalTestServerMaintenance -Server $Server -Off
            (Get-Article 3).Body.data.attributes.title | Should -Be 'Article 3'
            (Get-Stats).entitiesUpdated | Should -Be 0
        }

        It 'ends by itself after -Seconds' {
            Set-DrupalTestServerMaintenance -Server $Server -On -Seconds 0.5 -RetryAfterMinSec 1 -RetryAfterMaxSec 1
            (Get-Article 1).Status | Should -Be 503
            Start-Sleep -Milliseconds 600
            (Get-Article 1).Status | Should -Be 200
        }
    }

    Context 'changes on the site' {
        It 'moves changed when an entity is written, so a filter on changed finds it' {
            # As sent: ConvertFrom-Json would make a local DateTime of it.
            function Get-Changed([int] $Nid) { [regex]::Match((Get-Article $Nid).Text, '"changed":"([^"]+)"').Groups[1].Value }
            $before = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
            Get-Changed 4 | Should -Be '2023-11-15T02:13:20+00:00' -Because 'seeded: 1700000000 + nid * 3600'
            (Send-Raw (New-TitlePatch 4 'Changed' $writer)).Status | Should -Be 200
            $changed = [DateTimeOffset]::Parse((Get-Changed 4), [Globalization.CultureInfo]::InvariantCulture)
            $changed.ToUnixTimeSeconds() | Should -BeGreaterOrEqual $before
            $query = "filter[c][condition][path]=changed&filter[c][condition][operator]=%3E%3D&filter[c][condition][value]=$before&sort=changed,drupal_internal__nid"
            $found = (Send-Raw (New-Request 'GET' "/jsonapi/node/article?$query")).Body.data
            @($found.attributes.title) | Should -Be @('Changed')
        }

        It 'deletes for good' {
            (Send-Raw (New-Request 'DELETE' "/jsonapi/node/article/$(Get-Uuid 5)" $writer)).Status | Should -Be 204
            (Get-Article 5).Status | Should -Be 404
            $ids = (Send-Raw (New-Request 'GET' '/jsonapi/node/article?fields[node--article]=drupal_internal__nid')).Body.data.attributes.drupal_internal__nid
            $ids | Should -Not -Contain 5
            $ids | Should -HaveCount 24
        }
    }
}
