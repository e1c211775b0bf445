# Reading whole sites: JSON:API -All over thousands of articles, and GraphQL -All over Relay connections and offsets.
Describe 'Paging' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $graphql = 'DrupalOAuth.Commands.InvokeDrupalGraphQLCommand'
        $relay = 'query ($after: String) { nodeArticles(first: 100, after: $after) { nodes { title } pageInfo { hasNextPage endCursor } } }'
        $edges = 'query ($after: String) { nodeArticles(first: 40, after: $after) { edges { cursor node { title } } pageInfo { hasNextPage endCursor } } }'
        $offset = 'query ($offset: Int, $limit: Int) { articles(offset: $offset, limit: $limit) { total items { id title } } }'
        $nodeQuery = 'query ($offset: Int) { nodeQuery(offset: $offset, limit: 30) { count entities { ... on NodeArticle { nid } } } }'
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        if (-not (Get-DrupalConnection -Current)) { $null = Connect-Backend }
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'JSON:API over 5,000 articles' {
        It 'reads every article exactly once with -All, as fast as the pages come' {
            Set-DrupalTestServerContent -Server $Server -Articles 5000
            $null = Get-DrupalEntity node article -First 1
            [GC]::Collect()
            $process = [Diagnostics.Process]::GetCurrentProcess()
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $firstItem = $null
            $peak = 0
            $ids = [Collections.Generic.HashSet[string]]::new()
            $count = 0
            Get-DrupalEntity node article -All | ForEach-Object {
                if ($null -eq $firstItem) { $firstItem = $watch.Elapsed.TotalMilliseconds }
                $count++
                $null = $ids.Add($_.id)
                if ($count % 500 -eq 0) { $process.Refresh(); $peak = [Math]::Max($peak, $process.WorkingSet64) }
            }
            $seconds = $watch.Elapsed.TotalSeconds
            $count | Should -Be 5000
            $ids.Count | Should -Be 5000
            Write-Host ("    Get-DrupalEntity -All over 5,000 articles: {0:N0} items/s, first item after {1:N0} ms, peak working set {2:N0} MB" -f ($count / $seconds), $firstItem, ($peak / 1MB))
        }
    }

    Context 'GraphQL Relay connections (graphql_compose)' {
        It 'follows pageInfo.endCursor with $after until hasNextPage is false' {
            Set-DrupalTestServerContent -Server $Server -Articles 250
            $before = (Get-Stats).graphqlRequests
            $titles = Invoke-DrupalGraphQL -Query $relay -ExpandPath 'nodeArticles.nodes' -All | ForEach-Object title
            $titles | Should -HaveCount 250
            ($titles | Select-Object -Unique) | Should -HaveCount 250
            $titles[-1] | Should -Be 'Article 250'
            (Get-Stats).graphqlRequests - $before | Should -Be 3
        }

        It 'pages over edges too' {
            $edgesOut = Invoke-DrupalGraphQL -Query $edges -ExpandPath 'nodeArticles.edges' -All
            $edgesOut | Should -HaveCount 25
            $edgesOut[0].node.title | Should -Be 'Article 1'
            $edgesOut[0].cursor | Should -Not -BeNullOrEmpty
        }

        It 'takes another cursor variable with -CursorVariable' {
            $query = 'query ($cursor: String) { nodeArticles(first: 10, after: $cursor) { nodes { title } pageInfo { hasNextPage endCursor } } }'
            Invoke-DrupalGraphQL -Query $query -ExpandPath 'nodeArticles.nodes' -All -CursorVariable cursor | Should -HaveCount 25
        }

        It 'stops paging once -First items are written' {
            Set-DrupalTestServerContent -Server $Server -Articles 500
            $before = (Get-Stats).graphqlRequests
            Invoke-DrupalGraphQL -Query $relay -ExpandPath 'nodeArticles.nodes' -First 150 | Should -HaveCount 150
            (Get-Stats).graphqlRequests - $before | Should -Be 2
        }

        It 'says to select pageInfo when the query lacks it' {
            $query = 'query ($after: String) { nodeArticles(first: 10, after: $after) { nodes { title } } }'
            { Invoke-DrupalGraphQL -Query $query -ExpandPath 'nodeArticles.nodes' -All } | Should -Throw -ErrorId "PageInfoMissing,$graphql" -ExpectedMessage '*pageInfo { hasNextPage endCursor }*'
        }

        It 'writes each page''s GraphQL errors as non-terminating errors and goes on' {
            $query = 'query ($after: String) { nodeArticles(first: 10, after: $after) { nodes { title failingField } pageInfo { hasNextPage endCursor } } }'
            $nodes = Invoke-DrupalGraphQL -Query $query -ExpandPath 'nodeArticles.nodes' -All -ErrorVariable problems -ErrorAction SilentlyContinue
            $nodes | Should -HaveCount 25
            $problems.Count | Should -BeGreaterThan 0
            $problems[0].FullyQualifiedErrorId | Should -Be "GraphQLError,$graphql"
        }
    }

    Context 'GraphQL offset paging' {
        It 'advances $offset by $limit until total is reached (4.x example schema)' {
            $before = (Get-Stats).graphqlRequests
            $items = Invoke-DrupalGraphQL -Query $offset -Variables @{ limit = 10 } -ExpandPath 'articles.items' -All
            $items | Should -HaveCount 25
            $items[-1].title | Should -Be 'ARTICLE 25'
            (Get-Stats).graphqlRequests - $before | Should -Be 3
        }

        It 'advances by the page''s item count when no $limit is declared (3.x nodeQuery, count)' {
            $entities = Invoke-DrupalGraphQL -Query $nodeQuery -ExpandPath 'nodeQuery.entities' -All
            $entities | Should -HaveCount 28
        }

        It 'reports the total with -IncludeTotalCount' {
            $output = Invoke-DrupalGraphQL -Query $offset -Variables @{ limit = 10 } -ExpandPath 'articles.items' -All -IncludeTotalCount
            "$($output[0])" | Should -Match '25'
        }

        It 'skips with -Skip' {
            $items = Invoke-DrupalGraphQL -Query $offset -Variables @{ limit = 10 } -ExpandPath 'articles.items' -All -Skip 12
            $items | Should -HaveCount 13
            $items[0].title | Should -Be 'ARTICLE 13'
        }
    }

    Context 'queries that cannot page' {
        It 'shows how to rewrite a query that declares neither $after nor $offset' {
            { Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -ExpandPath 'nodeQuery.entities' -All } |
                Should -Throw -ErrorId "PagingVariableMissing,$graphql" -ExpectedMessage '*nodeQuery(offset: $offset, limit: $limit)*'
        }

        It 'asks for -ExpandPath with -All' {
            { Invoke-DrupalGraphQL -Query $relay -All } | Should -Throw -ErrorId "PagingNeedsExpandPath,$graphql"
        }

        It 'writes the first N items of one answer with -First when the query cannot page' {
            Invoke-DrupalGraphQL -Query $ArticleTitlesQuery -ExpandPath 'nodeQuery.entities' -First 3 | Should -HaveCount 3
        }
    }
}
