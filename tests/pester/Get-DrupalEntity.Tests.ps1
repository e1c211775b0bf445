# Get-DrupalEntity against the test server's JSON:API (tests/DrupalTestServer/README.md): 25 articles and 3 pages
# unless a test asks for more with /_test/content.
Describe 'Get-DrupalEntity' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $command = 'DrupalOAuth.Commands.GetDrupalEntityCommand'
        function Get-CollectionRequests { @((Get-Stats).jsonapiLog | Where-Object { $_ -like 'GET /jsonapi/node/article*' }) }
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        if (-not (Get-DrupalConnection -Current)) { $null = Connect-Backend }
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'one page, flat objects' {
        It 'writes one flat object per article: id, type, attributes, relationships as ids' {
            $articles = Get-DrupalEntity node article
            $articles | Should -HaveCount 25
            $first = $articles[0]
            $first.id | Should -Be (Get-Uuid 1)
            $first.type | Should -Be 'node--article'
            $first.title | Should -Be 'Article 1'
            $first.drupal_internal__nid | Should -BeOfType [long]
            $first.status | Should -BeTrue
            $first.uid | Should -BeOfType [string]
            $names = $first.PSObject.Properties.Name
            $names[0..1] | Should -Be @('id', 'type')
            $names | Should -Contain 'field_tags'
            @($first.field_tags).Count | Should -BeGreaterOrEqual 0
        }

        It 'gives entities the type names DrupalOAuth.Entity and DrupalOAuth.Entity#<type> and a table view with the label' {
            $article = Get-DrupalEntity node article -First 1
            $article.PSObject.TypeNames[0] | Should -Be 'DrupalOAuth.Entity#node--article'
            $article.PSObject.TypeNames | Should -Contain 'DrupalOAuth.Entity'
            $table = $article | Format-Table | Out-String
            $table | Should -Match 'node--article'
            $table | Should -Match 'Article 1'
            $table | Should -Match ([regex]::Escape((Get-Uuid 1)))
        }

        It 'defaults the bundle to the entity type (user is user--user) and takes a resource type name' {
            $users = Get-DrupalEntity user
            $users.type | Select-Object -Unique | Should -Be 'user--user'
            (Get-DrupalEntity node--page).type | Select-Object -Unique | Should -Be 'node--page'
            (Get-DrupalEntity taxonomy_term tags) | Should -Not -BeNullOrEmpty
        }

        It 'exports to CSV with one column per field and no nested arrays for single values' {
            $csv = Join-Path $TestDrive 'articles.csv'
            Get-DrupalEntity node article | Export-Csv -Path $csv
            $rows = Import-Csv $csv
            $rows | Should -HaveCount 25
            $rows[0].title | Should -Be 'Article 1'
            $rows[0].uid | Should -Match '^[0-9a-f-]{36}$'
        }

        It 'refuses an unknown type, listing the site''s types nearest first' {
            { Get-DrupalEntity node artcle } | Should -Throw -ErrorId "UnknownResourceType,$command" -ExpectedMessage "*'node--artcle'*nearest first: node--article*"
        }

        It 'reads the index once per connection' {
            $null = Connect-Backend
            $null = Get-DrupalEntity node article
            $null = Get-DrupalEntity node page
            $null = Get-DrupalEntity user
            @((Get-Stats).jsonapiLog | Where-Object { $_ -match '^GET /jsonapi(\?|$)' }) | Should -HaveCount 1
        }
    }

    Context 'paging' {
        It 'writes one page and warns that there is more, naming -All and -First' {
            Set-DrupalTestServerContent -Server $Server -Articles 120
            $articles = Get-DrupalEntity node article -WarningVariable warnings -WarningAction SilentlyContinue
            $articles | Should -HaveCount 50
            $warnings | Should -HaveCount 1
            "$warnings" | Should -Match '50 items'
            "$warnings" | Should -Match '-All'
            "$warnings" | Should -Match '-First'
        }

        It 'reads every page with -All, each item exactly once' {
            Set-DrupalTestServerContent -Server $Server -Articles 120
            $articles = Get-DrupalEntity node article -All -ThrottleLimit 1 -WarningVariable warnings
            $articles | Should -HaveCount 120
            ($articles.id | Select-Object -Unique) | Should -HaveCount 120
            $warnings | Should -BeNullOrEmpty
            Get-CollectionRequests | Should -HaveCount 3
        }

        It 'stops requesting once -First items are written: -First 120 requests 3 pages' {
            Set-DrupalTestServerContent -Server $Server -Articles 500
            $articles = Get-DrupalEntity node article -First 120
            $articles | Should -HaveCount 120
            $articles[-1].title | Should -Be 'Article 120'
            Get-CollectionRequests | Should -HaveCount 3
        }

        It 'asks for no more than -First when it is below a page' {
            $articles = Get-DrupalEntity node article -First 5
            $articles | Should -HaveCount 5
            Get-CollectionRequests | Should -HaveCount 1
            @(Get-CollectionRequests)[0] | Should -Match 'page%5Blimit%5D=5'
        }

        It 'sets page[limit] with -PageSize and skips with -Skip (page[offset])' {
            $articles = Get-DrupalEntity node article -PageSize 10 -Skip 5 -All -ThrottleLimit 1
            $articles | Should -HaveCount 20
            $articles[0].title | Should -Be 'Article 6'
            Get-CollectionRequests | Should -HaveCount 2
            @(Get-CollectionRequests)[0] | Should -Match 'page%5Blimit%5D=10'
        }

        It 'writes the first item while at most -ThrottleLimit pages after it are on their way, and stops when the pipeline does' {
            Set-DrupalTestServerContent -Server $Server -Articles 500
            $seen = @(Get-DrupalEntity node article -All | Select-Object -First 1 | ForEach-Object { Get-CollectionRequests })
            $seen.Count | Should -BeLessOrEqual 5
            $seen[0] | Should -Not -Match 'offset'
            Start-Sleep -Milliseconds 300
            @(Get-CollectionRequests).Count | Should -BeLessOrEqual 5
            Reset-DrupalTestServer -Server $Server
            Set-DrupalTestServerContent -Server $Server -Articles 500
            $seen = @(Get-DrupalEntity node article -All -ThrottleLimit 1 | Select-Object -First 1 | ForEach-Object { Get-CollectionRequests })
            $seen.Count | Should -BeLessOrEqual 2
            Start-Sleep -Milliseconds 300
            @(Get-CollectionRequests).Count | Should -BeLessOrEqual 2
        }

        It 'requests the next page while the current one is written, one page ahead' {
            Set-DrupalTestServerContent -Server $Server -Articles 200
            $requestsAtItem = @(Get-DrupalEntity node article -All -ThrottleLimit 1 | ForEach-Object { @(Get-CollectionRequests).Count })
            $requestsAtItem | Should -HaveCount 200
            # While page k's items are written, pages up to k + 1 have been asked for, never more.
            for ($i = 0; $i -lt 200; $i++) { $requestsAtItem[$i] | Should -BeLessOrEqual ([math]::Floor($i / 50) + 2) }
            @(Get-CollectionRequests) | Should -HaveCount 4
        }

        It 'requests up to -ThrottleLimit pages at once and still writes the items in order' {
            Set-DrupalTestServerContent -Server $Server -Articles 520
            $items = @(Get-DrupalEntity node article -All -ThrottleLimit 4)
            $items | Should -HaveCount 520
            ($items.drupal_internal__nid -join ',') | Should -Be ((1..520) -join ',')
            $requests = @(Get-CollectionRequests)
            # 11 pages, and no more than three speculative requests past the last one.
            $requests.Count | Should -BeGreaterOrEqual 11
            $requests.Count | Should -BeLessOrEqual 14
        }

        It 'with -ThrottleLimit asks for no page beyond what -First needs' {
            Set-DrupalTestServerContent -Server $Server -Articles 500
            $items = @(Get-DrupalEntity node article -First 120 -ThrottleLimit 8)
            $items | Should -HaveCount 120
            @(Get-CollectionRequests) | Should -HaveCount 3
        }

        It 'reports the total with -IncludeTotalCount as unknown when the site reports none' {
            $output = Get-DrupalEntity node article -First 3 -IncludeTotalCount
            $output | Should -HaveCount 4
            $output[0].ToString() | Should -Match 'Unknown total count'
            $output[1].title | Should -Be 'Article 1'
        }

        It 'shows progress with items and pages while -All reads' {
            Set-DrupalTestServerContent -Server $Server -Articles 120
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Import-Module '$RepoRoot/out/DrupalOAuth/DrupalOAuth.psd1'; `$null = Connect-DrupalApi -Uri '$Uri' -ClientId backend -ClientSecret (ConvertTo-SecureString '$BackendSecretText' -AsPlainText -Force) -SkipAdminCheck; Get-DrupalEntity node article -All | Measure-Object | ForEach-Object Count")
            $count = $ps.Invoke()
            $count | Should -Be 120
            $records = @($ps.Streams.Progress | Where-Object Activity -Like 'Reading node--article*')
            $records.StatusDescription | Should -Contain '100 items in 2 pages'
            $records[-1].RecordType | Should -Be 'Completed'
            $ps.Dispose()
        }

        It 'pages until links.next is absent, not until a short page, and warns once about what Drupal left out' {
            Set-DrupalTestServerContent -Server $Server -Articles 120 -UnpublishedEvery 10
            $articles = Get-DrupalEntity node article -All -WarningVariable warnings -WarningAction SilentlyContinue
            $articles | Should -HaveCount 108
            $warnings | Should -HaveCount 1
            "$warnings" | Should -Match 'left out 12'
            "$warnings" | Should -Match 'insufficient authorization'
        }

        It 'says that the consumer''s user lacks the permission when Drupal omitted everything' {
            $null = Connect-Backend -Name 'nocontent' -ClientId 'nocontent' -Secret 'nocontent-secret' -With @{ SkipAdminCheck = $true }
            $articles = Get-DrupalEntity node article -All -WarningVariable warnings -WarningAction SilentlyContinue
            $articles | Should -BeNullOrEmpty
            "$warnings" | Should -Match 'returned no node--article items and left out 25'
            "$warnings" | Should -Match 'lacks the permission'
            $null = Connect-Backend
        }

        It 'follows a next link on another origin on the connection''s origin, never sending the token there, and warns once' {
            Set-DrupalTestServerContent -Server $Server -Articles 160
            Set-DrupalTestServerLinkOrigin -Server $Server -Origin other
            $articles = Get-DrupalEntity node article -All -WarningVariable warnings -WarningAction SilentlyContinue
            $articles | Should -HaveCount 160
            $warnings | Should -HaveCount 1
            "$warnings" | Should -Match 'reverse-proxy'
            $other = (Get-Stats).hosts.PSObject.Properties | Where-Object Name -Like 'http://localhost:*'
            $other | Should -BeNullOrEmpty
            # The connection keeps the index it read, links moved onto its origin: later tests start afresh.
            $null = Connect-Backend
        }

        It 'reads a single entity on the connection''s origin when the index''s links name another' {
            Set-DrupalTestServerLinkOrigin -Server $Server -Origin other
            $null = Connect-Backend
            (Get-DrupalEntity node article -Id (Get-Uuid 4) -WarningVariable warnings -WarningAction SilentlyContinue).title | Should -Be 'Article 4'
            "$warnings" | Should -Match 'reverse-proxy'
            (Get-Stats).hosts.PSObject.Properties.Name | Where-Object { $_ -like 'http://localhost:*' } | Should -BeNullOrEmpty
            $null = Connect-Backend
        }
    }

    Context 'filters, sorting, includes, fields and languages' {
        It 'filters with the short form' {
            $articles = Get-DrupalEntity node article -Filter @{ title = 'Article 7' }
            $articles | Should -HaveCount 1
            $articles.title | Should -Be 'Article 7'
        }

        It 'filters with operators: <operator>' -TestCases @(
            @{ operator = 'CONTAINS'; value = 'cle 1'; expected = 11 }
            @{ operator = 'STARTS_WITH'; value = 'Article 2'; expected = 7 }
            @{ operator = 'ENDS_WITH'; value = '5'; expected = 3 }
            @{ operator = '<>'; value = 'Article 1'; expected = 24 }
            @{ operator = 'IN'; value = @('Article 1', 'Article 2'); expected = 2 }
            # Odd nids: an even one has a Spanish translation, and Drupal's entity query matches any translation.
            @{ operator = 'NOT IN'; value = @('Article 1', 'Article 3'); expected = 23 }
        ) {
            param($operator, $value, $expected)
            Get-DrupalEntity node article -Filter @{ title = @{ operator = $operator; value = $value } } | Should -HaveCount $expected
        }

        It 'filters numbers with comparison operators and BETWEEN' {
            Get-DrupalEntity node article -Filter @{ drupal_internal__nid = @{ operator = '>'; value = 20 } } | Should -HaveCount 5
            Get-DrupalEntity node article -Filter @{ drupal_internal__nid = @{ operator = 'BETWEEN'; value = 3, 6 } } | Should -HaveCount 4
            Get-DrupalEntity node article -Filter @{ drupal_internal__nid = 1, 2, 3 } | Should -HaveCount 3
        }

        It 'combines conditions in an OR group' {
            $articles = Get-DrupalEntity node article -Filter @{ or = @{ title = 'Article 3'; drupal_internal__nid = 9 } } -Sort 'drupal_internal__nid'
            $articles.title | Should -Be @('Article 3', 'Article 9')
        }

        It 'refuses what Drupal would refuse before sending anything: <case>' -TestCases @(
            @{ case = 'a value with IS NULL'; filter = @{ title = @{ operator = 'IS NULL'; value = 'x' } }; says = "*'IS NULL'*takes no value*operator = 'IS NULL'*" }
            @{ case = 'one value for BETWEEN'; filter = @{ created = @{ operator = 'BETWEEN'; value = 1 } }; says = '*exactly two values*' }
            @{ case = 'an unknown operator'; filter = @{ title = @{ operator = 'LIKE'; value = 'x' } }; says = '*CONTAINS, STARTS_WITH or ENDS_WITH*' }
        ) {
            param($case, $filter, $says)
            $before = (Get-Stats).jsonapiRequests
            { Get-DrupalEntity node article -Filter $filter } | Should -Throw -ErrorId "InvalidFilter,$command" -ExpectedMessage $says
            (Get-Stats).jsonapiRequests | Should -Be $before
        }

        It 'keeps Drupal''s words for a filter Drupal refuses' {
            { Get-DrupalEntity node article -Filter @{ nosuchfield = 'x' } } | Should -Throw -ErrorId "BadRequest,$command" -ExpectedMessage '*400 Bad Request*'
        }

        It 'sorts with -Sort, descending with a leading -' {
            (Get-DrupalEntity node article -Sort '-drupal_internal__nid' -First 2).title | Should -Be @('Article 25', 'Article 24')
        }

        It 'puts included resources in place of their ids with -Include, nested too' {
            $article = Get-DrupalEntity node article -Include 'uid', 'field_tags.vid' -First 10 | Where-Object { @($_.field_tags).Count -gt 0 } | Select-Object -First 1
            $article.uid.type | Should -Be 'user--user'
            $article.uid.PSObject.TypeNames | Should -Contain 'DrupalOAuth.Entity'
            @($article.field_tags)[0].type | Should -Be 'taxonomy_term--tags'
            @($article.field_tags)[0].name | Should -Not -BeNullOrEmpty
            @($article.field_tags)[0].vid.type | Should -Be 'taxonomy_vocabulary--taxonomy_vocabulary'
        }

        It 'keeps Drupal''s list of valid include paths for an invalid one' {
            { Get-DrupalEntity node article -Include 'nope' } | Should -Throw -ErrorId "BadRequest,$command" -ExpectedMessage '*nope? is not a valid relationship field name. Possible values: *uid*field_tags*'
        }

        It 'reads only the fields -Property names, for the main type or per type' {
            $article = Get-DrupalEntity node article -Property 'title' -First 1
            $article.PSObject.Properties.Name | Should -Be @('id', 'type', 'title')
            $article = Get-DrupalEntity node article -Include 'uid' -Property @{ 'node--article' = 'title', 'uid'; 'user--user' = 'display_name' } -First 1
            $article.PSObject.Properties.Name | Should -Be @('id', 'type', 'title', 'uid')
            $article.uid.PSObject.Properties.Name | Should -Be @('id', 'type', 'display_name')
        }

        It 'reads translations through the language prefix and warns where Drupal fell back' {
            $articles = Get-DrupalEntity node article -Language es -First 4 -WarningVariable warnings -WarningAction SilentlyContinue
            $articles[1].title | Should -Be 'Artículo 2'
            $articles[1].langcode | Should -Be 'es'
            $articles[0].langcode | Should -Be 'en'
            $warnings | Should -HaveCount 1
            "$warnings" | Should -Match "2 of 4 node--article items have no 'es' translation"
            (Get-Stats).jsonapiLog | Where-Object { $_ -like 'GET /es/jsonapi/node/article*' } | Should -HaveCount 1
        }
    }

    Context 'single entities by id' {
        It 'reads one entity with -Id' {
            (Get-DrupalEntity node article -Id (Get-Uuid 3)).title | Should -Be 'Article 3'
        }

        It 'reads each id from the pipeline, by the id property of objects' {
            $ids = Get-DrupalEntity node article -First 3 | Select-Object id
            $again = $ids | Get-DrupalEntity node article
            $again.title | Should -Be @('Article 1', 'Article 2', 'Article 3')
        }

        It 'writes a non-terminating NotFound for an unknown id and goes on with the next' {
            $found = (Get-Uuid 1), '99999999-d7a1-4c3e-9f00-000000000000', (Get-Uuid 2) |
                ForEach-Object { [pscustomobject]@{ id = $_ } } |
                Get-DrupalEntity node article -ErrorVariable problems -ErrorAction SilentlyContinue
            $found.title | Should -Be @('Article 1', 'Article 2')
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be "NotFound,$command"
        }

        It 'writes a non-terminating Forbidden in Drupal''s words for an entity the consumer''s user may not see' {
            Set-DrupalTestServerContent -Server $Server -Articles 25 -UnpublishedEvery 5
            $found = (Get-Uuid 5), (Get-Uuid 6) | ForEach-Object { [pscustomobject]@{ id = $_ } } |
                Get-DrupalEntity node article -ErrorVariable problems -ErrorAction SilentlyContinue
            $found.title | Should -Be 'Article 6'
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Be "Forbidden,$command"
            "$($problems[0])" | Should -Match 'not allowed to GET the selected resource'
            $problems[0].TargetObject.Status | Should -Be '403'
            $problems[0].TargetObject.Detail | Should -Match 'not allowed to GET'
        }

        It 'reads entities piped from Get-DrupalEntity again, by their type and id' {
            $again = Get-DrupalEntity node article -First 2 | Get-DrupalEntity -Include uid
            $again.uid.type | Should -Be @('user--user', 'user--user')
        }

        It 'writes the JSON:API document as it came with -Raw' {
            $document = Get-DrupalEntity node article -Id (Get-Uuid 1) -Raw
            $document.data.attributes.title | Should -Be 'Article 1'
            $document.jsonapi.version | Should -Be '1.0'
            $pages = Get-DrupalEntity node article -Raw -PageSize 10 -All
            $pages | Should -HaveCount 3
            $pages[0].links.next.href | Should -Match 'page%5Boffset%5D=10'
        }
    }

    Context 'tab completion' {
        It 'completes entity types and bundles from the site''s JSON:API index' {
            $types = (TabExpansion2 -inputScript 'Get-DrupalEntity ' -cursorColumn 17).CompletionMatches.CompletionText
            $types | Should -Contain 'node'
            $types | Should -Contain 'user'
            $types | Should -Contain 'taxonomy_term'
            $bundles = (TabExpansion2 -inputScript 'Get-DrupalEntity node ' -cursorColumn 22).CompletionMatches.CompletionText
            $bundles | Should -Be @('article', 'page')
            $named = (TabExpansion2 -inputScript 'Get-DrupalEntity -EntityType tax' -cursorColumn 32).CompletionMatches.CompletionText
            $named | Should -Be @('taxonomy_term', 'taxonomy_vocabulary')
        }

        It 'completes from the connection given with -Connection' {
            $null = Connect-Backend -Name 'other'
            $null = Connect-Backend
            $line = 'Get-DrupalEntity -Connection other -EntityType us'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'user'
        }
    }
}
