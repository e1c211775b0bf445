Describe 'Invoke-DrupalGraphQL' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $command = 'DrupalOAuth.Commands.InvokeDrupalGraphQLCommand'
    }
    BeforeEach {
        # Each test starts from a fresh site (no queued faults, no revocations) and a current connection.
        Reset-DrupalTestServer -Server $Server
        if (-not (Get-DrupalConnection -Current)) { $null = Connect-Backend }
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'the quick-start query' {
        It 'writes the data as PSCustomObjects' {
            $data = Invoke-DrupalGraphQL -Query $ArticleTitlesQuery
            $data | Should -BeOfType [pscustomobject]
            $data.nodeQuery.entities.Count | Should -Be 10
            $data.nodeQuery.entities[0].title | Should -Be 'Article 1'
        }

        It 'writes the items at -ExpandPath one by one, ready for the pipeline' {
            $titles = Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -ExpandPath 'nodeQuery.entities' | Where-Object title -Like 'Article 1*' | ForEach-Object title
            $titles | Should -Be @('Article 1', 'Article 10')
        }

        It 'exports to CSV' {
            $csv = Join-Path $TestDrive 'titles.csv'
            Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -ExpandPath 'nodeQuery.entities' | Export-Csv -Path $csv
            (Import-Csv $csv).title | Should -HaveCount 10
        }

        It 'takes queries from the pipeline' {
            $results = '{ nodeQuery(limit: 2) { count } }', '{ nodeQuery(limit: 3) { entities { ... on NodeArticle { title } } } }' | Invoke-DrupalGraphQL
            $results | Should -HaveCount 2
            $results[1].nodeQuery.entities | Should -HaveCount 3
        }

        It 'reads the query from a file with -Path' {
            $file = Join-Path $TestDrive 'articles.graphql'
            Set-Content -Path $file -Value $ArticleTitlesQuery
            (Invoke-DrupalGraphQL -Path $file).nodeQuery.entities | Should -HaveCount 10
        }
    }

    Context 'variables, operation names and types' {
        It 'sends -Variables' {
            $query = 'query Page($first: Int!, $after: String) { nodeArticles(first: $first, after: $after) { nodes { title } pageInfo { hasNextPage endCursor } } }'
            $page = Invoke-DrupalGraphQL -Query $query -Variables @{ first = 20 }
            $page.nodeArticles.nodes | Should -HaveCount 20
            $next = Invoke-DrupalGraphQL -Query $query -Variables @{ first = 20; after = $page.nodeArticles.pageInfo.endCursor }
            $next.nodeArticles.nodes | Should -HaveCount 5
            $next.nodeArticles.pageInfo.hasNextPage | Should -BeFalse
        }

        It 'runs the operation named by -OperationName' {
            $query = 'query A { nodeQuery(limit: 1) { count } } query B { nodeQuery(limit: 2) { entities { ... on NodeArticle { title } } } }'
            (Invoke-DrupalGraphQL -Query $query -OperationName 'B').nodeQuery.entities | Should -HaveCount 2
        }

        It 'keeps integers as Int64, booleans as Boolean and null as $null' {
            $data = Invoke-DrupalGraphQL -Query '{ nodeQuery(limit: 1) { count entities { ... on NodeArticle { nid status } } } }'
            $data.nodeQuery.count | Should -BeOfType [long]
            $data.nodeQuery.entities[0].nid | Should -BeOfType [long]
            $data.nodeQuery.entities[0].status | Should -BeOfType [bool]
            $partial = Invoke-DrupalGraphQL -Query '{ node(id: "999") { id } }'
            $partial.PSObject.Properties.Name | Should -Contain 'node'
            $partial.node | Should -BeNullOrEmpty
        }

        It 'writes the whole response with -Raw' {
            $raw = Invoke-DrupalGraphQL -Query '{ nodeQuery(limit: 1) { count } failingField }' -Raw -ErrorVariable problems
            $problems | Should -BeNullOrEmpty
            $raw.PSObject.Properties.Name | Should -Contain 'data'
            $raw.errors | Should -HaveCount 1
        }
    }

    Context 'GraphQL errors' {
        It 'writes each error as a non-terminating error with its message, path and location, and still the data' {
            $data = Invoke-DrupalGraphQL -Query '{ nodeQuery(limit: 1) { count } failingField }' -ErrorVariable problems -ErrorAction SilentlyContinue
            $data.nodeQuery.count | Should -BeGreaterThan 0
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be "GraphQLError,$command"
            $problems[0].Exception.Message | Should -Match 'at failingField \(line 1, column \d+\)'
            $problems[0].TargetObject.Path | Should -Be 'failingField'
        }

        It 'fails when there is no data, after writing the errors' {
            { Invoke-DrupalGraphQL -Query '{ nodeQuery { nope } }' -ErrorAction SilentlyContinue } | Should -Throw -ErrorId "GraphQLNoData,$command"
            try { Invoke-DrupalGraphQL -Query '{ nodeQuery { nope } }' -ErrorVariable problems -ErrorAction SilentlyContinue } catch { $failure = $_ }
            $problems[0].FullyQualifiedErrorId | Should -Be "GraphQLError,$command"
            $failure.FullyQualifiedErrorId | Should -Be "GraphQLNoData,$command"
            ($problems | Where-Object FullyQualifiedErrorId -EQ "GraphQLError,$command").Exception.Message | Should -Match 'nope'
        }

        It 'refuses an empty query' {
            { Invoke-DrupalGraphQL -Query '  ' } | Should -Throw -ErrorId "EmptyQuery,$command"
        }

        It 'reports a -Path that does not exist' {
            { Invoke-DrupalGraphQL -Path (Join-Path $TestDrive 'missing.graphql') } | Should -Throw -ErrorId "QueryFileNotFound,$command"
        }

        It 'reports an -ExpandPath that is not in the data' {
            { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -ExpandPath 'nodeQuery.items' } |
                Should -Throw -ErrorId "ExpandPathNotFound,$command" -ExpectedMessage "*no field 'items'*entities*"
        }
    }

    Context 'HTTP failures' {
        It 'explains a 403 with the permission Drupal names' {
            $nogql = Connect-Backend -Name 'nogql' -ClientId 'nogql' -Secret 'nogql-secret'
            { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -Connection $nogql } |
                Should -Throw -ErrorId "Forbidden,$command" -ExpectedMessage "*The 'execute default_server arbitrary graphql requests' permission is required*"
            Disconnect-DrupalApi -Name 'nogql'
        }

        It 'reports a response that is not GraphQL JSON (<Kind>)' -ForEach @(
            @{ Kind = 'html200'; Says = '*HTML page titled*not a GraphQL response*' }
            @{ Kind = 'truncated'; Says = '*not a GraphQL response*' }
            @{ Kind = 'empty'; Says = '*an empty body*' }
        ) {
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body @{ route = 'graphql'; kind = $Kind; count = 1 }
            { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery } | Should -Throw -ErrorId "InvalidResponse,$command" -ExpectedMessage $Says
        }

        It 'says the status and the HTML page''s title of a server error' {
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body @{ route = 'graphql'; kind = 'status'; status = 500; count = 1 }
            { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery } | Should -Throw -ErrorId "HttpError,$command" -ExpectedMessage '*500*titled*'
        }

        It 'reports a -GraphQLPath where nothing answers' {
            $wrong = Connect-Backend -Name 'wrong' -With @{ GraphQLPath = '/nothing-here' }
            { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -Connection $wrong } | Should -Throw -ErrorId "NotFound,$command"
            Disconnect-DrupalApi -Name 'wrong'
        }
    }

    Context 'large answers, hashtables and compressed answers' {
        BeforeAll {
            $manyQuery = '{ nodeQuery(limit: 400) { count entities { ... on NodeArticle { nid title } } } }'
        }

        It '-AsHashtable writes ordered hashtables whose keys keep their case, as ConvertFrom-Json -AsHashtable' {
            $items = @(Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -ExpandPath nodeQuery.entities -AsHashtable)
            $items | Should -HaveCount 10
            $items[0] | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
            $items[0]['title'] | Should -Be 'Article 1'
            $items[0]['TITLE'] | Should -BeNullOrEmpty
            $items[9].title | Should -Be 'Article 10'

            $data = Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -AsHashtable
            $data | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
            $data.nodeQuery.entities | Should -HaveCount 10
            (Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -AsHashtable -Raw).Keys | Should -Contain 'data'
        }

        It '-AsHashtable pages with -All too' {
            $query = 'query ($offset: Int, $limit: Int) { nodeQuery(offset: $offset, limit: $limit) { count entities { ... on NodeArticle { title } } } }'
            $items = @(Invoke-DrupalGraphQL -Query $query -Variables @{ limit = 10 } -ExpandPath nodeQuery.entities -All -AsHashtable)
            # nodeQuery lists the three pages too, as empty objects: the fragment selects article fields only.
            $items | Should -HaveCount 28
            $items[24]['title'] | Should -Be 'Article 25'
        }

        It 'writes the items of a large answer one by one and stops reading at Select-Object -First' {
            Set-DrupalTestServerContent -Server $Server -Articles 400
            $items = @(Invoke-DrupalGraphQL -Query $manyQuery -ExpandPath nodeQuery.entities -Verbose 4>&1)
            $items.Where({ $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'Wrote the 400 items at nodeQuery.entities as they arrived.'
            $items.Where({ $_ -isnot [System.Management.Automation.VerboseRecord] }).nid | Should -Be (1..400)
            $first = @(Invoke-DrupalGraphQL -Query $manyQuery -ExpandPath nodeQuery.entities | Select-Object -First 2)
            $first.title | Should -Be @('Article 1', 'Article 2')
        }

        It 'does not send again an answer that broke after some of its items were written' {
            Set-DrupalTestServerContent -Server $Server -Articles 400
            Add-DrupalTestServerFault -Server $Server -Route graphql -Kind brokenbody -Count 1
            $before = (Get-Stats).graphqlRequests
            $written = [System.Collections.Generic.List[object]]::new()
            { Invoke-DrupalGraphQL -Query $manyQuery -ExpandPath nodeQuery.entities -MaximumRetryCount 3 -RetryIntervalSec 0 | ForEach-Object { $written.Add($_) } } |
                Should -Throw -ErrorId "ConnectionLost,$command"
            $written.Count | Should -BeGreaterThan 0
            $written.Count | Should -BeLessThan 400
            (Get-Stats).graphqlRequests - $before | Should -Be 1
        }

        It 'sends again an answer that broke while it was read whole' {
            Set-DrupalTestServerContent -Server $Server -Articles 400
            Add-DrupalTestServerFault -Server $Server -Route graphql -Kind brokenbody -Count 1
            $before = (Get-Stats).graphqlRequests
            (Invoke-DrupalGraphQL -Query $manyQuery -MaximumRetryCount 3 -RetryIntervalSec 0).nodeQuery.entities | Should -HaveCount 400
            (Get-Stats).graphqlRequests - $before | Should -Be 2
        }

        It 'asks for compressed answers and reads them (<encoding>)' -ForEach @(
            @{ encoding = 'gzip' }
            @{ encoding = 'br' }
        ) {
            Set-DrupalTestServerContent -Server $Server -Articles 400
            Set-DrupalTestServerCompression -Server $Server -Encoding $encoding
            $items = @(Invoke-DrupalGraphQL -Query $manyQuery -ExpandPath nodeQuery.entities)
            $items | Should -HaveCount 400
            $items[399].title | Should -Be 'Article 400'
            (Get-DrupalEntity node article -First 120).Count | Should -Be 120
            $stats = Get-Stats
            $stats.lastAcceptEncoding | Should -Match $encoding
            $stats.compressedResponses | Should -BeGreaterOrEqual 4
        }
    }

    Context 'the token' {
        It 'makes exactly one token request for 50 calls' {
            $connection = Connect-Backend -Name 'fifty'
            $before = Get-TokenRequestCount
            1..50 | ForEach-Object { $null = Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -Connection $connection }
            Get-TokenRequestCount | Should -Be $before
            $null = Get-DrupalToken -Connection $connection -Force
            1..50 | ForEach-Object { $null = Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -Connection $connection }
            Get-TokenRequestCount | Should -Be ($before + 1)
        }

        It 'gets a new token and retries once when Drupal revoked the cached one' {
            $before = Get-TokenRequestCount
            Invoke-DrupalTestServerControl -Server $Server -Action 'revoke'
            (Invoke-DrupalGraphQL -Query $ArticleTitlesQuery).nodeQuery.entities | Should -HaveCount 10
            Get-TokenRequestCount | Should -Be ($before + 1)
        }

        It 'gets a new token and retries once after the site rotated its keys' {
            $before = Get-TokenRequestCount
            Invoke-DrupalTestServerControl -Server $Server -Action 'rotate-keys'
            $lines = Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -Verbose 4>&1
            ($lines | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
                Should -Match 'Drupal refused the token \(Access token could not be verified\).*retrying once'
            Get-TokenRequestCount | Should -Be ($before + 1)
        }

        It 'says in -Verbose each request''s method, URL, status and time' {
            $lines = Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            ($lines.Message -join "`n") | Should -Match "POST $([regex]::Escape($Uri))/graphql: 200 OK in \d+ ms"
        }
    }
}
