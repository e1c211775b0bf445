# The test server's benchmark switches (tests/DrupalTestServer/README.md): compression, the GraphQL answer cache and
# delay, and JSON:API pages read at once. Raw HttpClient requests, so that nothing decompresses or retries on its own.
Describe 'Drupal test server' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        # SocketsHttpHandler decompresses nothing unless told to: the tests see the bytes as sent.
        $client = [Net.Http.HttpClient]::new([Net.Http.SocketsHttpHandler]::new())
        function Get-Token([string] $ClientId = 'backend', [string] $Secret = $BackendSecretText) {
            $form = @{ grant_type = 'client_credentials'; client_id = $ClientId; client_secret = $Secret }
            (Invoke-RestMethod -Method Post -Uri "$Uri/oauth/token" -Body $form).access_token
        }
        function New-Request([string] $Path, [string] $Method = 'GET', [string] $AcceptEncoding, [string] $Token, [string] $Json) {
            $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::new($Method), "$Uri$Path")
            if ($AcceptEncoding) { $null = $request.Headers.TryAddWithoutValidation('Accept-Encoding', $AcceptEncoding) }
            if ($Token) { $request.Headers.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $Token) }
            if ($Json) { $request.Content = [Net.Http.StringContent]::new($Json, [Text.Encoding]::UTF8, 'application/json') }
            $request
        }
        # The answer with its body as sent (Bytes) and as text after undoing its Content-Encoding (Text).
        function Send-Request {
            param([string] $Path, [string] $Method = 'GET', [string] $AcceptEncoding, [string] $Token, [string] $Json)
            $response = $client.Send((New-Request -Path $Path -Method $Method -AcceptEncoding $AcceptEncoding -Token $Token -Json $Json))
            $bytes = $response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()
            $coding = @($response.Content.Headers.ContentEncoding) -join ','
            $decoded = [IO.MemoryStream]::new()
            $source = [IO.MemoryStream]::new($bytes)
            $expanding = switch ($coding) {
                'gzip' { [IO.Compression.GZipStream]::new($source, [IO.Compression.CompressionMode]::Decompress) }
                'br' { [IO.Compression.BrotliStream]::new($source, [IO.Compression.CompressionMode]::Decompress) }
                default { $source }
            }
            $expanding.CopyTo($decoded)
            [pscustomobject]@{
                Status        = [int] $response.StatusCode
                Coding        = $coding
                Vary          = @($response.Headers.Vary) -join ','
                Chunked       = [bool] $response.Headers.TransferEncodingChunked
                Bytes         = $bytes
                Text          = [Text.Encoding]::UTF8.GetString($decoded.ToArray())
            }
        }
        function Send-GraphQL([string] $Query, [string] $Token = $token, [string] $AcceptEncoding) {
            Send-Request -Path '/graphql' -Method POST -Token $Token -AcceptEncoding $AcceptEncoding -Json (@{ query = $Query } | ConvertTo-Json -Compress)
        }
        $token = Get-Token
        $titles = '{ nodeQuery(limit: 1000) { count entities { ... on NodeArticle { nid title } } } }'
    }
    BeforeEach { Reset-DrupalTestServer -Server $Server }
    AfterAll { $client.Dispose(); Stop-DrupalTestServer -Server $Server }

    Context 'compression' {
        It 'is off by default: a client that accepts gzip gets the plain body with its Content-Length' {
            $plain = Send-GraphQL $titles -AcceptEncoding 'gzip, br'
            $plain.Coding | Should -BeNullOrEmpty
            $plain.Vary | Should -BeNullOrEmpty
            $plain.Chunked | Should -BeFalse -Because 'PHP behind a web server sends a Content-Length'
            (Get-Stats).compressedResponses | Should -Be 0
            (Get-Stats).lastAcceptEncoding | Should -Be 'gzip, br'
        }

        It 'gzip compresses GraphQL and JSON:API answers, with Vary, to the same JSON' {
            $plain = Send-GraphQL $titles
            Set-DrupalTestServerCompression -Server $Server -Encoding gzip
            $gzip = Send-GraphQL $titles -AcceptEncoding 'gzip'
            $gzip.Coding | Should -Be 'gzip'
            $gzip.Vary | Should -Be 'Accept-Encoding'
            $gzip.Chunked | Should -BeTrue -Because 'the compressed length is not known when the headers go out'
            $gzip.Bytes.Length | Should -BeLessThan ($plain.Bytes.Length / 2)
            $gzip.Text | Should -BeExactly $plain.Text
            $jsonApi = Send-Request -Path '/jsonapi/node/article' -AcceptEncoding 'gzip'
            $jsonApi.Coding | Should -Be 'gzip'
            ($jsonApi.Text | ConvertFrom-Json).data.Count | Should -Be 25
            (Get-Stats).compressedResponses | Should -Be 2
        }

        It 'gives <Expected> to Accept-Encoding "<Accept>" when set to <Encoding>' -ForEach @(
            @{ Encoding = 'gzip'; Accept = 'br'; Expected = '' }
            @{ Encoding = 'gzip'; Accept = 'gzip;q=0'; Expected = '' }
            @{ Encoding = 'gzip'; Accept = '*'; Expected = 'gzip' }
            @{ Encoding = 'br'; Accept = 'gzip, deflate'; Expected = '' }
            @{ Encoding = 'br'; Accept = 'gzip, br'; Expected = 'br' }
            @{ Encoding = 'any'; Accept = 'gzip, deflate, br'; Expected = 'br' }
            @{ Encoding = 'any'; Accept = 'br;q=0, gzip'; Expected = 'gzip' }
            @{ Encoding = 'any'; Accept = 'gzip'; Expected = 'gzip' }
            @{ Encoding = 'any'; Accept = ''; Expected = '' }
        ) {
            $plain = Send-Request -Path '/jsonapi/node/article'
            Set-DrupalTestServerCompression -Server $Server -Encoding $Encoding
            $answer = Send-Request -Path '/jsonapi/node/article' -AcceptEncoding $Accept
            $answer.Coding | Should -Be $Expected
            $answer.Vary | Should -Be 'Accept-Encoding' -Because 'the answer depends on Accept-Encoding either way'
            $answer.Text | Should -BeExactly $plain.Text
            (Get-Stats).compressedResponses | Should -Be ([int] [bool] $Expected)
        }

        It 'leaves the control routes alone, and reset turns it off' {
            Set-DrupalTestServerCompression -Server $Server -Encoding any
            (Send-Request -Path '/_test/stats' -AcceptEncoding 'gzip').Coding | Should -BeNullOrEmpty
            Reset-DrupalTestServer -Server $Server
            (Send-Request -Path '/jsonapi/node/article' -AcceptEncoding 'gzip').Coding | Should -BeNullOrEmpty
        }

        It 'refuses an unknown encoding' {
            $refused = Send-Request -Path '/_test/compression' -Method POST -Json '{"encoding":"deflate"}'
            $refused.Status | Should -Be 400
            $refused.Text | Should -Match 'encoding'
        }
    }

    Context 'GraphQL answer cache' {
        It 'serves the same bytes again without running the query, per user and request body' {
            Set-DrupalTestServerGraphQLCache -Server $Server -Enabled
            $first = Send-GraphQL $titles
            $again = Send-GraphQL $titles
            $again.Bytes | Should -Be $first.Bytes
            (Get-Stats).graphqlCacheHits | Should -Be 1
            $null = Send-GraphQL '{ nodeQuery(limit: 5) { count } }'
            $null = Send-GraphQL $titles -Token (Get-Token -ClientId 'admin-client' -Secret 'admin-secret')
            (Get-Stats).graphqlCacheHits | Should -Be 1 -Because 'another body and another user are other answers'
        }

        It 'forgets its answers when the content changes, when turned off, and on reset' {
            Set-DrupalTestServerGraphQLCache -Server $Server -Enabled
            $null = Send-GraphQL $titles
            Set-DrupalTestServerContent -Server $Server -Articles 30
            (Send-GraphQL $titles).Text | Should -Match '"count":33'
            (Get-Stats).graphqlCacheHits | Should -Be 0
            Set-DrupalTestServerGraphQLCache -Server $Server
            $null = Send-GraphQL $titles
            (Get-Stats).graphqlCacheHits | Should -Be 0
            Set-DrupalTestServerGraphQLCache -Server $Server -Enabled
            $null = Send-GraphQL $titles
            Reset-DrupalTestServer -Server $Server
            $null = Send-GraphQL $titles
            (Get-Stats).graphqlCacheHits | Should -Be 0
        }

        It 'keeps no answer with errors' {
            Set-DrupalTestServerGraphQLCache -Server $Server -Enabled
            $failing = '{ nodeQuery(limit: 1) { count } failingField }'
            $null = Send-GraphQL $failing
            $null = Send-GraphQL $failing
            (Get-Stats).graphqlCacheHits | Should -Be 0
        }

        It 'answers nodeQuery(limit: 50000) with 50,000 articles of 15 fields, about 20 MB, the same cached' {
            Set-DrupalTestServerContent -Server $Server -Articles 50000
            Set-DrupalTestServerGraphQLCache -Server $Server -Enabled
            $query = '{ nodeQuery(limit: 50000) { count entities { ... on NodeArticle { id nid uuid title status promote sticky created changed langcode body author entityUuid entityLabel entityBundle } } } }'
            $uncached = Send-GraphQL $query
            $uncached.Bytes.Length | Should -BeGreaterThan 19000000
            $document = [Text.Json.JsonDocument]::Parse([ReadOnlyMemory[byte]] $uncached.Bytes, [Text.Json.JsonDocumentOptions]::new())
            $entities = $document.RootElement.GetProperty('data').GetProperty('nodeQuery').GetProperty('entities')
            $entities.GetArrayLength() | Should -Be 50000
            @($entities[49999].EnumerateObject()).Count | Should -Be 15
            $entities[49999].GetProperty('title').GetString() | Should -Be 'Article 50000'
            $document.Dispose()
            $cached = Send-GraphQL $query
            [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($cached.Bytes)) |
                Should -Be ([Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($uncached.Bytes)))
            (Get-Stats).graphqlCacheHits | Should -Be 1
        }
    }

    Context 'delays' {
        It 'delays every GraphQL request, several at once without waiting for each other' {
            Set-DrupalTestServerDelay -Route graphql -Server $Server -Milliseconds 400
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $json = @{ query = '{ nodeQuery { count } }' } | ConvertTo-Json -Compress
            $sent = 1..4 | ForEach-Object { $client.SendAsync((New-Request -Path '/graphql' -Method POST -Token $token -Json $json)) }
            [Threading.Tasks.Task]::WaitAll([Threading.Tasks.Task[]] $sent)
            $watch.ElapsedMilliseconds | Should -BeGreaterOrEqual 400
            $watch.ElapsedMilliseconds | Should -BeLessThan 1200
            $sent | ForEach-Object { [int] $_.Result.StatusCode } | Should -Be (200, 200, 200, 200)
            Set-DrupalTestServerDelay -Route graphql -Server $Server -Milliseconds 0
            $watch.Restart()
            $null = Send-GraphQL '{ nodeQuery { count } }'
            $watch.ElapsedMilliseconds | Should -BeLessThan 400
        }

        It 'delays each JSON:API page, and four pages read at once come back at once, each its own' {
            Set-DrupalTestServerContent -Server $Server -Articles 5000
            Set-DrupalTestServerDelay -Route jsonapi -Server $Server -Milliseconds 400
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $offsets = 0, 50, 100, 150
            $sent = $offsets | ForEach-Object { $client.GetAsync("$Uri/jsonapi/node/article?page%5Boffset%5D=$_&page%5Blimit%5D=50") }
            [Threading.Tasks.Task]::WaitAll([Threading.Tasks.Task[]] $sent)
            $watch.ElapsedMilliseconds | Should -BeGreaterOrEqual 400
            $watch.ElapsedMilliseconds | Should -BeLessThan 1200 -Because 'the delay must not serialize the requests'
            for ($i = 0; $i -lt 4; $i++) {
                $page = $sent[$i].Result.Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json
                $page.data.Count | Should -Be 50
                $page.data[0].attributes.drupal_internal__nid | Should -Be ($offsets[$i] + 1)
                $page.links.next.href | Should -BeExactly "$Uri/jsonapi/node/article?page%5Boffset%5D=$($offsets[$i] + 50)&page%5Blimit%5D=50"
            }
            $watch.Restart()
            $first = Send-Request -Path '/jsonapi/node/article' | ForEach-Object { $_.Text | ConvertFrom-Json }
            $second = Send-Request -Path ([uri] $first.links.next.href).PathAndQuery | ForEach-Object { $_.Text | ConvertFrom-Json }
            $watch.ElapsedMilliseconds | Should -BeGreaterOrEqual 800 -Because 'each page waits'
            $first.links.next.href | Should -BeExactly "$Uri/jsonapi/node/article?page%5Boffset%5D=50&page%5Blimit%5D=50"
            $second.links.next.href | Should -BeExactly "$Uri/jsonapi/node/article?page%5Boffset%5D=100&page%5Blimit%5D=50"
        }
    }
}
