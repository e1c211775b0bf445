# Invoke-DrupalRequest against the test server's echo route (/_test/echo reflects what it received) and JSON:API.
Describe 'Invoke-DrupalRequest' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $command = 'DrupalOAuth.Commands.InvokeDrupalRequestCommand'
        function Add-Fault([string] $Route, [string] $Kind, [int] $Count = 1, [hashtable] $With = @{}) {
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body (@{ route = $Route; kind = $Kind; count = $Count } + $With)
        }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        if (-not (Get-DrupalConnection -Current)) { $null = Connect-Backend }
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'paths and query parameters' {
        It 'resolves a path relative to the site URI and sends the token' {
            $echo = Invoke-DrupalRequest -Path '/_test/echo/a'
            $echo.method | Should -Be 'GET'
            $echo.path | Should -Be '/_test/echo/a'
            $echo.authorization | Should -Be 'Bearer'
            $echo.user | Should -Be 'api_user'
            (Invoke-DrupalRequest -Path '_test/echo/b').path | Should -Be '/_test/echo/b'
        }

        It 'takes an absolute URL on the site''s own origin' {
            (Invoke-DrupalRequest -Path "$Uri/_test/echo?x=1").query.x | Should -Be '1'
        }

        It 'refuses an absolute URL on another origin before sending anything' {
            $before = (Get-Stats).echoRequests
            $other = $Uri -replace '127\.0\.0\.1', 'localhost'
            { Invoke-DrupalRequest -Path "$other/_test/echo" } | Should -Throw -ErrorId "CrossOriginRefused,$command" -ExpectedMessage '*another origin*nothing was sent*'
            (Get-Stats).echoRequests | Should -Be $before
            (Get-Stats).hosts.PSObject.Properties.Name | Should -Not -Contain $other
        }

        It 'URL-encodes -Query values and appends them to the path''s own query' {
            $echo = Invoke-DrupalRequest -Path '/_test/echo?_format=json' -Query @{ 'filter[title]' = 'A & B'; q = 'ä/ö' }
            $echo.query.'_format' | Should -Be 'json'
            $echo.query.'filter[title]' | Should -Be 'A & B'
            $echo.query.q | Should -Be 'ä/ö'
        }

        It 'reads the JSON:API index as PowerShell objects' {
            $index = Invoke-DrupalRequest -Path '/jsonapi'
            $index.links.'node--article'.href | Should -Match '/jsonapi/node/article$'
        }

        It 'reads it as ordered hashtables with -AsHashtable' {
            $index = Invoke-DrupalRequest -Path '/jsonapi' -AsHashtable
            $index | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
            $index['links']['node--article']['href'] | Should -Match '/jsonapi/node/article$'
        }
    }

    Context 'bodies' {
        It 'sends a hashtable as JSON with <type> <where>' -TestCases @(
            @{ where = 'elsewhere'; path = '/_test/echo'; type = 'application/json' }
        ) {
            param($where, $path, $type)
            $echo = Invoke-DrupalRequest -Path $path -Method Post -Body @{ title = 'x'; count = 2 }
            $echo.contentType | Should -BeLike "$type*"
            ($echo.bodyText | ConvertFrom-Json).count | Should -Be 2
        }

        It 'sends application/vnd.api+json under the JSON:API base, and Drupal''s read-only refusal is MethodNotAllowed' {
            $body = @{ data = @{ type = 'node--article'; attributes = @{ title = 'x' } } }
            { Invoke-DrupalRequest -Path '/jsonapi/node/article' -Method Post -Body $body } | Should -Throw -ErrorId "MethodNotAllowed,$command" -ExpectedMessage '*405*read operations*Accept all JSON:API create, read, update, and delete operations*/admin/config/services/jsonapi*'
        }

        It 'sends a PSCustomObject as JSON' {
            $echo = Invoke-DrupalRequest -Path '/_test/echo' -Method Patch -Body ([pscustomobject]@{ a = 1; b = @('x', 'y') })
            $echo.method | Should -Be 'PATCH'
            ($echo.bodyText | ConvertFrom-Json).b | Should -Be @('x', 'y')
        }

        It 'sends a string as it is' {
            $echo = Invoke-DrupalRequest -Path '/_test/echo' -Method Put -Body '{"raw":true}'
            $echo.bodyText | Should -Be '{"raw":true}'
            $echo.contentType | Should -BeLike 'application/json*'
        }

        It 'sends bytes as they are, with -ContentType' {
            [byte[]] $bytes = 0, 1, 2, 250, 255
            $echo = Invoke-DrupalRequest -Path '/_test/echo' -Method Post -Body $bytes -ContentType 'image/png'
            $echo.contentType | Should -Be 'image/png'
            [Convert]::FromBase64String($echo.bodyBase64) | Should -Be $bytes
        }

        It 'refuses a body on a GET' {
            { Invoke-DrupalRequest -Path '/_test/echo' -Body @{ a = 1 } } | Should -Throw -ErrorId "BodyNotAllowed,$command"
        }

        It 'sends -Headers, and refuses an Authorization header: the connection owns it' {
            (Invoke-DrupalRequest -Path '/_test/echo' -Headers @{ 'X-Custom' = 'yes' }).headers.'X-Custom' | Should -Be 'yes'
            { Invoke-DrupalRequest -Path '/_test/echo' -Headers @{ Authorization = 'Bearer stolen' } } | Should -Throw -ErrorId "AuthorizationHeaderRefused,$command"
        }
    }

    Context 'answers' {
        It 'writes text as a string' {
            Invoke-DrupalRequest -Path '/_test/echo' -Query @{ type = 'text' } | Should -Be 'plain text from Drupal'
        }

        It 'writes nothing for HEAD' {
            Invoke-DrupalRequest -Path '/_test/echo' -Method Head | Should -BeNullOrEmpty
        }

        It 'streams the body to -OutFile without writing it' {
            $file = Join-Path $TestDrive 'download.bin'
            $output = Invoke-DrupalRequest -Path '/_test/echo' -Query @{ type = 'bytes'; size = 3MB } -OutFile $file
            $output | Should -BeNullOrEmpty
            (Get-Item $file).Length | Should -Be 3MB
            $bytes = [IO.File]::ReadAllBytes($file)
            $bytes[260] | Should -Be (260 % 251)
        }

        It 'turns HTTP errors into error records as for GraphQL: <status> is <errorId>' -TestCases @(
            @{ status = 400; errorId = 'BadRequest' }
            @{ status = 403; errorId = 'Forbidden' }
            @{ status = 404; errorId = 'NotFound' }
            @{ status = 422; errorId = 'UnprocessableEntity' }
            @{ status = 500; errorId = 'HttpError' }
        ) {
            param($status, $errorId)
            { Invoke-DrupalRequest -Path '/_test/echo' -Query @{ status = $status } -MaximumRetryCount 0 } | Should -Throw -ErrorId "$errorId,$command" -ExpectedMessage "*$status*"
        }
    }

    Context 'the same safety as every request' {
        It 'retries a GET after a lost answer, but not a POST unless -RetryNonIdempotent' {
            $null = Connect-Backend -With @{ RetryIntervalSec = 0 }
            Add-Fault -Route 'jsonapi' -Kind 'reset'
            (Invoke-DrupalRequest -Path '/jsonapi').links | Should -Not -BeNullOrEmpty
            Add-Fault -Route 'jsonapi' -Kind 'status' -With @{ status = 502 }
            { Invoke-DrupalRequest -Path '/jsonapi/node/article' -Method Post -Body @{ data = @{} } } | Should -Throw -ErrorId "HttpError,$command" -ExpectedMessage '*502*'
            Add-Fault -Route 'jsonapi' -Kind 'status' -With @{ status = 502 }
            { Invoke-DrupalRequest -Path '/jsonapi/node/article' -Method Post -Body @{ data = @{} } -RetryNonIdempotent } | Should -Throw -ErrorId "MethodNotAllowed,$command"
        }

        It 'gets a new token once when Drupal refuses the cached one' {
            Invoke-DrupalTestServerControl -Server $Server -Action 'revoke'
            (Invoke-DrupalRequest -Path '/_test/echo').authorization | Should -Be 'Bearer'
            (Get-Stats).tokenRequests | Should -Be 1
        }
    }

    Context 'per-call overrides of the connection''s timeout and retries' {
        It '-TimeoutSec bounds this call only' {
            $null = Connect-Backend -With @{ TimeoutSec = 100 }
            Add-Fault -Route 'jsonapi' -Kind 'stall'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            { Invoke-DrupalRequest -Path '/jsonapi' -TimeoutSec 1 -MaximumRetryCount 0 } | Should -Throw -ErrorId "Timeout,$command"
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            (Get-DrupalConnection -Current).TimeoutSec | Should -Be 100
        }

        It '-MaximumRetryCount and -RetryIntervalSec set this call''s retries on <cmdlet>' -TestCases @(
            @{ cmdlet = 'Invoke-DrupalRequest'; route = 'jsonapi'; call = { Invoke-DrupalRequest -Path '/jsonapi' -MaximumRetryCount 1 -RetryIntervalSec 0 } }
            @{ cmdlet = 'Get-DrupalEntity'; route = 'jsonapi'; call = { Get-DrupalEntity user -MaximumRetryCount 1 -RetryIntervalSec 0 } }
            @{ cmdlet = 'Invoke-DrupalGraphQL'; route = 'graphql'; call = { Invoke-DrupalGraphQL -Query '{ nodeQuery { count } }' -MaximumRetryCount 1 -RetryIntervalSec 0 } }
            @{ cmdlet = 'Test-DrupalConnection'; route = 'debug'; call = { Test-DrupalConnection -MaximumRetryCount 1 -RetryIntervalSec 0 } }
        ) {
            param($cmdlet, $route, $call)
            $null = Connect-Backend -With @{ MaximumRetryCount = 5; RetryIntervalSec = 30 }
            Add-Fault -Route $route -Kind 'status' -Count 5 -With @{ status = 503 }
            $watch = [Diagnostics.Stopwatch]::StartNew()
            { & $call } | Should -Throw -ExpectedMessage '*503*2 times in a row*'
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        }
    }
}
