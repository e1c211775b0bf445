# Servers that send a paged read round in circles, elsewhere, or answer something that is not a page (issue #14):
# every such read ends with its error, in a bounded number of requests, having written each item once. A case that
# would never end without the checks runs in a child pwsh with a deadline, so that a regression fails its test
# rather than hanging the run.
Describe 'Hostile paging' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'ChildProcess.ps1')
        $entity = 'DrupalOAuth.Commands.GetDrupalEntityCommand'
        $graphql = 'DrupalOAuth.Commands.InvokeDrupalGraphQLCommand'
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }

        # The child: connects from the environment, reads the JSON:API entry point once, then queues the faults
        # itself (so that they meet the pages, not the entry point) and runs the command, counting the requests
        # the server received for it. Its last line is the result as JSON.
        $childScript = Join-Path $TestDrive 'bounded.ps1'
        Set-Content -LiteralPath $childScript -Value @'
param([string] $ModulePath)
$ErrorActionPreference = 'Stop'
$WarningPreference = 'SilentlyContinue'
Import-Module $ModulePath
$null = Connect-DrupalApi
$null = Get-DrupalEntity node article -First 1
foreach ($fault in @(ConvertFrom-Json $env:BOUNDED_FAULTS)) {
    $null = Invoke-RestMethod -Method Post -Uri "$env:DRUPAL_URI/_test/fault" -ContentType 'application/json' -Body (ConvertTo-Json $fault -Depth 5)
}
$before = Invoke-RestMethod "$env:DRUPAL_URI/_test/stats"
$items = [Collections.Generic.List[object]]::new()
$failure = $null
$warnings = $null
$PSDefaultParameterValues['*-Drupal*:WarningVariable'] = '+warnings'
try {
    . ([scriptblock]::Create($env:BOUNDED_COMMAND)) | ForEach-Object { $items.Add($_) }
}
catch { $failure = $_ }
$after = Invoke-RestMethod "$env:DRUPAL_URI/_test/stats"
[pscustomobject]@{
    Ids      = @($items | ForEach-Object id)
    Titles   = @($items | ForEach-Object title)
    ErrorId  = $failure.FullyQualifiedErrorId
    Message  = "$($failure.Exception.Message)"
    Warnings = @($warnings | ForEach-Object { "$_" })
    JsonApi  = $after.jsonapiRequests - $before.jsonapiRequests
    GraphQL  = $after.graphqlRequests - $before.graphqlRequests
} | ConvertTo-Json -Compress -Depth 4
'@
        function Invoke-Bounded {
            param([Parameter(Mandatory)] [string] $Command, [hashtable[]] $Faults = @(), [int] $TimeoutSec = 90)
            $environment = @{
                DRUPAL_URI           = $Uri.ToString().TrimEnd('/')
                DRUPAL_CLIENT_ID     = 'backend'
                DRUPAL_CLIENT_SECRET = $BackendSecretText
                BOUNDED_COMMAND      = $Command
                BOUNDED_FAULTS       = ConvertTo-Json -InputObject @($Faults) -Depth 5 -Compress
            }
            $run = Start-Pwsh -ArgumentList '-File', $childScript, (Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1') -Environment $environment | Wait-Pwsh -TimeoutSec $TimeoutSec
            $run.ExitCode | Should -Be 0 -Because $run.Text
            ($run.Output.Trim() -split "`n")[-1] | ConvertFrom-Json | Add-Member -NotePropertyName Output -NotePropertyValue $run.Output -PassThru
        }
        function Get-Titles([int[]] $Numbers) { @($Numbers | ForEach-Object { "Article $_" }) }
        function Read-UntilError([scriptblock] $Read) {
            $items = [Collections.Generic.List[object]]::new()
            $failure = $null
            try { & $Read | ForEach-Object { $items.Add($_) } } catch { $failure = $_ }
            [pscustomobject]@{ Items = $items; Error = $failure }
        }
        function Add-JsonApiFault([string] $Kind, [hashtable] $With = @{}, [int] $Count = 1) {
            Add-DrupalTestServerFault -Server $Server -Route jsonapi -Kind $Kind -Count $Count @With
        }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        if (-not (Get-DrupalConnection -Current)) { $null = Connect-Backend }
        # The entry point is read once per connection: read now, so that the faults meet the pages.
        $null = Get-DrupalEntity node article -First 1
        $before = (Get-Stats).jsonapiRequests
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'JSON:API next links that go round in circles end with PagingLoop' {
        It '<name>' -ForEach @(
            @{ name = 'A -> B -> A'; links = @{ '2' = '/jsonapi/node/article?page%5Boffset%5D=0&page%5Blimit%5D=2' }; written = 1..4; requests = 2; throttle = 1 }
            @{ name = 'A -> B -> C -> B'; links = @{ '4' = '/jsonapi/node/article?page%5Boffset%5D=2&page%5Blimit%5D=2' }; written = 1..6; requests = 3; throttle = 1 }
            @{ name = 'a link back that differs only in an unrelated parameter'; links = @{ '2' = '/jsonapi/node/article?page%5Boffset%5D=0&page%5Blimit%5D=2&_cache=17' }; written = 1..4; requests = 2; throttle = 1 }
            @{ name = 'a link back with its parameters in another order'; links = @{ '2' = '/jsonapi/node/article?page%5Blimit%5D=2&page%5Boffset%5D=0' }; written = 1..4; requests = 2; throttle = 1 }
            @{ name = 'A -> B -> A under -ThrottleLimit 4'; links = @{ '2' = '/jsonapi/node/article?page%5Boffset%5D=0&page%5Blimit%5D=2' }; written = 1..4; requests = 5; throttle = 4 }
        ) {
            $result = Invoke-Bounded -Command "Get-DrupalEntity node article -All -PageSize 2 -ThrottleLimit $throttle" -Faults @(
                @{ route = 'jsonapi'; kind = 'nextlinks'; count = 1000; links = $links }
            )

            $result.ErrorId | Should -Be "PagingLoop,$entity"
            $result.Message | Should -Match 'leads back to a page already read.*never end'
            $result.Titles | Should -Be (Get-Titles $written)
            $result.JsonApi | Should -BeLessOrEqual $requests
        }

        It 'a next link into the pages read (a page of items already written) ends at that page, which is not written' {
            $result = Invoke-Bounded -Command 'Get-DrupalEntity node article -All -PageSize 2 -ThrottleLimit 1' -Faults @(
                @{ route = 'jsonapi'; kind = 'nextlinks'; count = 1000; links = @{ '2' = '/jsonapi/node/article?page%5Boffset%5D=1&page%5Blimit%5D=2' } }
            )

            $result.ErrorId | Should -Be "PagingLoop,$entity"
            $result.Message | Should -BeLike "*holds only node--article items already written, such as $(Get-Uuid 2)*Nothing of this page was written*"
            $result.Titles | Should -Be (Get-Titles (1..4))
            $result.JsonApi | Should -Be 3
        }
    }

    Context 'the same resource on two pages' {
        It 'is written once, with a warning' {
            Add-JsonApiFault nextlinks -With @{ Extra = @{ links = @{ '0' = '/jsonapi/node/article?page%5Boffset%5D=1&page%5Blimit%5D=2' } } } -Count 100

            $items = Get-DrupalEntity node article -All -PageSize 2 -WarningVariable warnings -WarningAction SilentlyContinue

            $items | Should -HaveCount 25
            ($items.id | Select-Object -Unique) | Should -HaveCount 25
            "$warnings" | Should -Match 'held 1 node--article items already written \(such as 00000002-'
        }
    }

    Context 'next links off the collection route are refused, never followed' {
        It 'a next link to <path> is NextLinkRefused after the first page is written' -ForEach @(
            @{ path = '/jsonapi/user/user' }
            @{ path = '/other/path' }
            @{ path = '/es/jsonapi/node/article' }
        ) {
            Add-JsonApiFault nextlinks -With @{ Extra = @{ links = @{ '0' = "$($path)?page%5Boffset%5D=2&page%5Blimit%5D=2" } } }

            $read = Read-UntilError { Get-DrupalEntity node article -All -PageSize 2 -ErrorAction Stop }

            $read.Error.FullyQualifiedErrorId | Should -Be "NextLinkRefused,$entity"
            $read.Error.Exception.Message | Should -BeLike "*leads to $path, not to the collection being read (/jsonapi/node/article)*"
            $read.Items.title | Should -Be (Get-Titles 1, 2)
            (Get-Stats).jsonapiRequests - $before | Should -Be 1
        }

        It 'a next link on another origin is still followed on the site''s own, with its warning' {
            Set-DrupalTestServerLinkOrigin -Server $Server -Origin other

            $items = Get-DrupalEntity node article -All -PageSize 10 -WarningVariable warnings -WarningAction SilentlyContinue

            $items | Should -HaveCount 25
            "$warnings" | Should -Match 'reverse-proxy settings are wrong'
        }
    }

    Context 'a page that is not a JSON:API document is an error, never the end of the read' {
        It 'page 2 as <name>' -ForEach @(
            @{ name = '{"message":"Service busy"} with 200'; body = '{"message":"Service busy"}'; said = "a JSON object with no 'data' member (it has message) that says 'Service busy'" }
            @{ name = 'data: null'; body = '{"jsonapi":{"version":"1.0"},"data":null,"links":{}}'; said = "a document whose 'data' is null" }
            @{ name = 'no data member'; body = '{"jsonapi":{"version":"1.0"},"links":{}}'; said = "a JSON object with no 'data' member (it has jsonapi, links)" }
        ) {
            Add-JsonApiFault delay -With @{ Milliseconds = 1 }
            Add-JsonApiFault status -With @{ Status = 200; Body = $body; ContentType = 'application/vnd.api+json' }

            # One page at a time, so that the second request is page 2.
            $read = Read-UntilError { Get-DrupalEntity node article -All -PageSize 2 -ThrottleLimit 1 -ErrorAction Stop }

            $read.Error.FullyQualifiedErrorId | Should -Be "InvalidResponse,$entity"
            $read.Error.Exception.Message | Should -BeLike "*page%5Boffset%5D=2* answered 200 OK with $said, which is not a page of a JSON:API collection*"
            $read.Items | Should -HaveCount 2
        }
    }

    Context 'a single resource read answered with something else' {
        It 'Get-DrupalEntity -Id answered <name> is InvalidResponse, not an empty result' -ForEach @(
            @{ name = '{"message":"Service busy"} with 200'; body = '{"message":"Service busy"}' }
            @{ name = 'a collection'; body = '{"jsonapi":{"version":"1.0"},"data":[],"links":{}}' }
        ) {
            Add-JsonApiFault status -With @{ Status = 200; Body = $body; ContentType = 'application/vnd.api+json' }

            { Get-DrupalEntity node article -Id (Get-Uuid 1) -ErrorAction Stop } | Should -Throw -ErrorId "InvalidResponse,$entity"
        }
    }

    Context 'GraphQL paging whose field does not use the variable that moves it on' {
        It 'a Relay query that declares $after but passes it to another field ends with PagingLoop' {
            $query = 'query ($after: String) { nodeArticles(first: 5) { nodes { title } pageInfo { hasNextPage endCursor } } probe: nodeArticles(first: 1, after: $after) { nodes { title } } }'
            $result = Invoke-Bounded -Command "Invoke-DrupalGraphQL -Query '$query' -ExpandPath nodeArticles.nodes -All"

            $result.ErrorId | Should -Be "PagingLoop,$graphql"
            $result.Message | Should -BeLike '*declares $after but the field may not use it*'
            $result.Titles | Should -Be (Get-Titles (1..5))
            $result.GraphQL | Should -Be 2
        }

        It 'offset answers that ignore $offset end with PagingLoop' {
            $query = 'query ($offset: Int, $limit: Int) { articles(limit: $limit) { items { id title } } probe: articles(offset: $offset, limit: 1) { total } }'
            $result = Invoke-Bounded -Command "Invoke-DrupalGraphQL -Query '$query' -Variables @{ limit = 5 } -ExpandPath articles.items -All"

            $result.ErrorId | Should -Be "PagingLoop,$graphql"
            $result.Message | Should -BeLike '*declares $offset but the field may not use it*'
            $result.Titles | Should -HaveCount 5
            $result.GraphQL | Should -Be 2
        }
    }

    Context 'a resource''s own id and type win over fields of that name' {
        BeforeAll {
            $own = Get-Uuid 3
            $other = Get-Uuid 7
            $document = '{"jsonapi":{"version":"1.0"},"data":[{"type":"node--article","id":"' + $own + '","attributes":{"id":"' + $other + '","type":"user--user","title":"Article 3"},"relationships":{}}],"links":{}}'
        }

        It 'the flat object keeps the resource''s id and type; the attributes are attribute_id and attribute_type' {
            Add-JsonApiFault status -With @{ Status = 200; Body = $document; ContentType = 'application/vnd.api+json' }

            $item = Get-DrupalEntity node article -All

            $item.id | Should -Be $own
            $item.type | Should -Be 'node--article'
            $item.attribute_id | Should -Be $other
            $item.attribute_type | Should -Be 'user--user'
        }

        It 'a piped Remove-DrupalEntity or Set-DrupalEntity -WhatIf names the resource''s own id' {
            $run = Invoke-Bounded -Command '$read = Get-DrupalEntity node article -All; $read | Remove-DrupalEntity -WhatIf; $read | Set-DrupalEntity -Attributes @{ title = "x" } -WhatIf' -Faults @(
                @{ route = 'jsonapi'; kind = 'status'; status = 200; body = $document; contentType = 'application/vnd.api+json' }
            )

            $run.ErrorId | Should -BeNullOrEmpty
            $run.Output | Should -Match "What if: .*Delete.*$own"
            ($run.Output -split "`n" | Where-Object { $_ -match 'What if' }) | Should -HaveCount 2
            $run.Output | Should -Not -Match $other
        }
    }
}
