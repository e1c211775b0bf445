# The test server's writes answer as Drupal 10.5 does (tests/DrupalTestServer/README.md, "Writes", and
# ../shared/drupal-facts.md "Value types"): the article fields of each kind, the values each takes and refuses,
# terms of tags, the writer consumer (no "administer nodes", no "access user profiles") and the filters an import uses.
Describe 'Drupal test server writes' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        function Connect-As([string] $ClientId, [string] $Secret) {
            $null = Connect-Backend -ClientId $ClientId -Secret $Secret -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0; MaximumRetryCount = 0 }
        }
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
        function Send-Article([hashtable] $Attributes, [string] $Method = 'Post', [string] $Id, [hashtable] $Relationships) {
            $data = @{ type = 'node--article'; attributes = $Attributes }
            if ($Relationships) { $data.relationships = $Relationships }
            $path = '/jsonapi/node/article'
            if ($Id) { $data.id = $Id; $path += "/$Id" }
            (Invoke-DrupalRequest -Method $Method -Path $path -Body @{ data = $data }).data
        }
        function Send-Term([hashtable] $Attributes, [string] $Method = 'Post', [string] $Id) {
            $data = @{ type = 'taxonomy_term--tags'; attributes = $Attributes }
            $path = '/jsonapi/taxonomy_term/tags'
            if ($Id) { $data.id = $Id; if ($Method -ne 'Post') { $path += "/$Id" } }
            (Invoke-DrupalRequest -Method $Method -Path $path -Body @{ data = $data }).data
        }
        # The error records of a call that fails, one per JSON:API error object.
        # Invoke-DrupalRequest writes the further ones, then throws the first.
        function Get-Refusal([scriptblock] $Call) {
            $ErrorActionPreference = 'Continue'
            $records = [Collections.Generic.List[object]]::new()
            try { & $Call 2>&1 | Where-Object { $_ -is [Management.Automation.ErrorRecord] } | ForEach-Object { $records.Add($_) } }
            catch { $records.Add($_) }
            , $records.ToArray()
        }
        # An article's JSON as the server wrote it, read without a token (published articles are public).
        $raw = [Net.Http.HttpClient]::new()
        function Get-RawArticle([string] $Id) { $raw.GetStringAsync("$Uri/jsonapi/node/article/$Id").GetAwaiter().GetResult() }
        function Get-Articles([hashtable] $Query) { @((Invoke-DrupalRequest -Path '/jsonapi/node/article' -Query $Query).data) }
        function Get-InQuery([string] $Path, [string[]] $Values) {
            $query = @{ 'filter[k][condition][path]' = $Path; 'filter[k][condition][operator]' = 'IN' }
            $query['filter[k][condition][value][]'] = $Values
            $query
        }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
        Connect-As 'writer-client' 'writer-secret'
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'the article fields' {
        It 'seeds each article''s fields from its nid' {
            $six = (Invoke-DrupalRequest -Path "/jsonapi/node/article/$(Get-Uuid 6)").data.attributes
            $six.field_external_id | Should -Be 'EXT-0006'
            $six.field_featured | Should -BeTrue
            $six.field_keywords | Should -Be @('alpha', 'beta')
            $six.field_rating | Should -Be 2
            $six.field_score | Should -BeNullOrEmpty
            $six.body.format | Should -Be 'basic_html'
            $seven = (Invoke-DrupalRequest -Path "/jsonapi/node/article/$(Get-Uuid 7)").data.attributes
            $seven.field_rating | Should -BeNullOrEmpty
            $seven.field_featured | Should -BeFalse
            @($seven.field_keywords) | Should -HaveCount 0
        }

        It 'writes an empty multi-value field as [] and a float with its fraction' {
            $created = Send-Article @{ title = 'Typed'; field_score = 4; field_keywords = @() }
            $json = Get-RawArticle $created.id
            $json | Should -Match '"field_score":4\.0[,}]'
            $json | Should -Match '"field_keywords":\[\]'
        }

        It 'seeds 20,000 articles with their fields and serves any page of 50 quickly' {
            Set-DrupalTestServerContent -Server $Server -Articles 20000
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $page = Get-Articles @{ 'page[offset]' = 19950 }
            $watch.Stop()
            $page | Should -HaveCount 50
            $page[-1].attributes.field_external_id | Should -Be 'EXT-20000'
            $watch.ElapsedMilliseconds | Should -BeLessThan 2000
        }
    }

    Context 'values as Drupal 10.5 takes them' {
        It 'takes <value> for a boolean' -ForEach @(
            @{ value = $true; expected = $true }, @{ value = '1'; expected = $true }, @{ value = '0'; expected = $false }
            @{ value = 1; expected = $true }, @{ value = 0; expected = $false }
        ) {
            (Send-Article @{ title = 'Flag'; field_featured = $value }).attributes.field_featured | Should -Be $expected
        }

        It 'refuses "<value>" for a boolean with a 422 that points at the field' -ForEach @(
            @{ value = 'TRUE' }, @{ value = 'yes' }, @{ value = '' }, @{ value = 'maybe' }
        ) {
            $problems = Get-Refusal { Send-Article @{ title = 'Flag'; field_featured = $value } }
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'UnprocessableEntity,*'
            "$($problems[0])" | Should -BeLike "*field_featured.0.value: This value should be of the correct primitive type.*(field 'field_featured')*"
            (Get-Stats).entitiesCreated | Should -Be 0
        }

        It 'takes 7 and "7" for an integer, "" as empty, and refuses "7.5" and 7.5' {
            (Send-Article @{ title = 'Seven'; field_rating = 7 }).attributes.field_rating | Should -Be 7
            (Send-Article @{ title = 'Seven'; field_rating = '7' }).attributes.field_rating | Should -Be 7
            (Send-Article @{ title = 'Empty'; field_rating = '' }).attributes.field_rating | Should -BeNullOrEmpty
            foreach ($value in '7.5', 7.5) {
                "$(Get-Refusal { Send-Article @{ title = 'Half'; field_rating = $value } })" | Should -BeLike '*field_rating.0.value: This value should be of the correct primitive type.*'
            }
        }

        It 'takes numbers and numeric text for a float, and refuses other text' {
            (Send-Article @{ title = 'Score'; field_score = 4.5 }).attributes.field_score | Should -Be 4.5
            (Send-Article @{ title = 'Score'; field_score = '2.25' }).attributes.field_score | Should -Be 2.25
            "$(Get-Refusal { Send-Article @{ title = 'Score'; field_score = 'high' } })" | Should -BeLike '*field_score.0.value: This value should be of the correct primitive type.*'
        }

        It 'takes <value> for created' -ForEach @(
            @{ value = 1700000000; expected = '2023-11-14T22:13:20+00:00' }
            @{ value = '1700000000'; expected = '2023-11-14T22:13:20+00:00' }
            @{ value = '2024-01-02T03:04:05+00:00'; expected = '2024-01-02T03:04:05+00:00' }
        ) {
            Connect-As 'editor-client' 'editor-secret'
            $created = Send-Article @{ title = 'Dated'; created = $value }
            Get-RawArticle $created.id | Should -Match ('"created":"' + [regex]::Escape($expected) + '"')
        }

        It 'refuses a date without a time for created, in TimestampNormalizer''s words' {
            Connect-As 'editor-client' 'editor-secret'
            $problems = Get-Refusal { Send-Article @{ title = 'Dated'; created = '2024-01-02' } }
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'UnprocessableEntity,*'
            "$($problems[0])" | Should -BeLike '*The specified date "2024-01-02" is not in an accepted format: "U" (UNIX timestamp), "Y-m-d\TH:i:sO" (ISO 8601), "Y-m-d\TH:i:sP" (RFC 3339).*'
        }

        It 'stores a plain string for body with no text format, and an object as given' {
            $plain = (Send-Article @{ title = 'Plain'; body = '<b>Bold</b>' }).attributes.body
            $plain.value | Should -Be '<b>Bold</b>'
            $plain.format | Should -BeNullOrEmpty
            $plain.processed | Should -Be '&lt;b&gt;Bold&lt;/b&gt;'
            $rich = (Send-Article @{ title = 'Rich'; body = @{ value = '<p>Hi</p>'; format = 'full_html'; summary = 'Short' } }).attributes.body
            $rich.format | Should -Be 'full_html'
            $rich.summary | Should -Be 'Short'
            "$(Get-Refusal { Send-Article @{ title = 'Odd'; body = @{ value = 'x'; format = 'nope' } } })" | Should -BeLike '*body.0.format: The value you selected is not a valid choice.*'
        }

        It 'takes an array or one item for a multi-value field, each item checked' {
            (Send-Article @{ title = 'Words'; field_keywords = @('one', 'two') }).attributes.field_keywords | Should -Be @('one', 'two')
            (Send-Article @{ title = 'Word'; field_keywords = 'solo' }).attributes.field_keywords | Should -Be @('solo')
            "$(Get-Refusal { Send-Article @{ title = 'Words'; field_keywords = @('one', (, @(1, 2))) } })" | Should -BeLike '*field_keywords.1.value: This value should be of the correct primitive type.*'
        }

        It 'reports every violation of one write, one error record each' {
            $problems = Get-Refusal { Send-Article @{ field_featured = 'yes'; field_rating = '7.5' } }
            $problems | Should -HaveCount 3
            $messages = $problems | ForEach-Object { "$_" }
            @($messages -like "*title: This value should not be null.*") | Should -HaveCount 1
            @($messages -like "*(field 'field_featured')*") | Should -HaveCount 1
            @($messages -like "*(field 'field_rating')*") | Should -HaveCount 1
        }

        It 'stores a path alias and gives it a pid, for a consumer that may create aliases' {
            Connect-As 'admin-client' 'admin-secret'
            $path = (Send-Article @{ title = 'Aliased'; path = @{ alias = '/aliased'; langcode = 'en' } }).attributes.path
            $path.alias | Should -Be '/aliased'
            $path.pid | Should -BeOfType [long]
            (Get-Articles @{ 'filter[path.alias]' = '/aliased' }).attributes.title | Should -Be 'Aliased'
        }
    }

    Context 'the writer consumer' {
        It 'may not set <field> without "administer nodes"' -ForEach @(
            @{ field = 'status'; value = $true }, @{ field = 'promote'; value = $false }, @{ field = 'sticky'; value = $true }
            @{ field = 'created'; value = 1700000000 }
        ) {
            $problems = Get-Refusal { Send-Article @{ title = 'Mine'; $field = $value } }
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'Forbidden,*'
            "$($problems[0])" | Should -BeLike "*The current user is not allowed to POST the selected field ($field). The 'administer nodes' permission is required.*"
        }

        It 'may send back a value it may not change, as Drupal''s PATCH allows' {
            $read = (Invoke-DrupalRequest -Path "/jsonapi/node/article/$(Get-Uuid 1)").data.attributes
            $patched = Send-Article @{ title = 'Renamed'; status = $read.status; promote = $read.promote; path = @{ alias = $null; langcode = 'en' } } -Method Patch -Id (Get-Uuid 1)
            $patched.attributes.title | Should -Be 'Renamed'
            "$(Get-Refusal { Send-Article @{ status = $false } -Method Patch -Id (Get-Uuid 1) })" | Should -BeLike '*not allowed to PATCH the selected field (status)*'
        }

        It 'sees other users by label only, and finds none by name' {
            $users = @((Invoke-DrupalRequest -Path '/jsonapi/user/user').data)
            ($users | Where-Object { $_.attributes.display_name -eq 'admin' }).attributes.PSObject.Properties.Name | Should -Be @('display_name')
            ($users | Where-Object { $_.attributes.display_name -eq 'writer' }).attributes.name | Should -Be 'writer'
            $byName = Invoke-DrupalRequest -Path '/jsonapi/user/user' -Query @{ 'filter[name]' = 'admin' }
            @($byName.data) | Should -HaveCount 0
            $byName.PSObject.Properties.Name | Should -Not -Contain 'meta'
            $problems = Get-Refusal { Invoke-DrupalRequest -Path '/jsonapi/user/user' -Query @{ 'filter[display_name]' = 'admin' } }
            "$($problems[0])" | Should -BeLike "*'display_name' not found*"
        }
    }

    Context 'terms of tags' {
        It 'creates a term with a UUID of its own, which reads, filters and tags see; a replay is a conflict' {
            $id = [guid]::NewGuid().ToString()
            $term = Send-Term @{ name = 'alpha'; description = 'First letter'; weight = '3' } -Id $id
            $term.id | Should -Be $id
            $term.attributes.weight | Should -Be 3
            $term.attributes.description.format | Should -BeNullOrEmpty
            $problems = Get-Refusal { Send-Term @{ name = 'alpha' } -Id $id }
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'Conflict,*'
            "$($problems[0])" | Should -BeLike '*Conflict: Entity already exists.*'
            $article = Send-Article @{ title = 'Tagged' } -Relationships @{ field_tags = @{ data = @(@{ type = 'taxonomy_term--tags'; id = $id }) } }
            (Get-Articles @{ 'filter[field_tags.name]' = 'alpha' }).id | Should -Be $article.id
            $included = (Invoke-DrupalRequest -Path "/jsonapi/node/article/$($article.id)" -Query @{ include = 'field_tags' }).included
            $included.attributes.name | Should -Be 'alpha'
        }

        It 'lets two terms share a name' {
            $null = Send-Term @{ name = 'twin' }
            $null = Send-Term @{ name = 'twin' }
            @((Invoke-DrupalRequest -Path '/jsonapi/taxonomy_term/tags' -Query @{ 'filter[name]' = 'twin' }).data) | Should -HaveCount 2
        }

        It 'requires a name' {
            "$(Get-Refusal { Send-Term @{ weight = 1 } })" | Should -BeLike "*name: This value should not be null.*(field 'name')*"
        }

        It 'renames a term; the writer may not delete one, the admin may, and a reset brings it back' {
            $drupal = '00000002-7a95-4c3e-9f00-000000000002'
            (Send-Term @{ name = 'Drupal CMS' } -Method Patch -Id $drupal).attributes.name | Should -Be 'Drupal CMS'
            $problems = Get-Refusal { Invoke-DrupalRequest -Method Delete -Path "/jsonapi/taxonomy_term/tags/$drupal" }
            "$($problems[0])" | Should -BeLike "*The following permissions are required: 'delete terms in tags' OR 'administer taxonomy'.*"
            Connect-As 'admin-client' 'admin-secret'
            Invoke-DrupalRequest -Method Delete -Path "/jsonapi/taxonomy_term/tags/$drupal"
            (Invoke-DrupalRequest -Path "/jsonapi/node/article/$(Get-Uuid 3)").data.relationships.field_tags.data.id | Should -Contain 'missing'
            Reset-DrupalTestServer -Server $Server
            (Invoke-DrupalRequest -Path "/jsonapi/taxonomy_term/tags/$drupal").data.attributes.name | Should -Be 'Drupal'
        }
    }

    Context 'the filters an import uses' {
        It 'finds entities by IN on <path>' -ForEach @(
            @{ path = 'id'; route = '/jsonapi/node/article'; values = @('00000003-d7a1-4c3e-9f00-000000000003', '00000004-d7a1-4c3e-9f00-000000000004'); label = 'title'; expected = @('Article 3', 'Article 4') }
            @{ path = 'title'; route = '/jsonapi/node/article'; values = @('Article 3', 'Article 5'); label = 'title'; expected = @('Article 3', 'Article 5') }
            @{ path = 'field_external_id'; route = '/jsonapi/node/article'; values = @('EXT-0010', 'EXT-0003'); label = 'title'; expected = @('Article 3', 'Article 10') }
            @{ path = 'name'; route = '/jsonapi/taxonomy_term/tags'; values = @('JSON', 'Drupal'); label = 'name'; expected = @('Drupal', 'JSON') }
            @{ path = 'name'; route = '/jsonapi/user/user'; values = @('writer', 'admin'); label = 'display_name'; expected = @('writer') }
            @{ path = 'filename'; route = '/jsonapi/file/file'; values = @('image-1.png', 'image-3.png'); label = 'filename'; expected = @('image-1.png', 'image-3.png') }
        ) {
            $found = @((Invoke-DrupalRequest -Path $route -Query (Get-InQuery $path $values)).data)
            $found.attributes.$label | Should -Be $expected
        }

        It 'finds the articles that have a value with IS NOT NULL, on an attribute and on a relationship' {
            Connect-As 'editor-client' 'editor-secret'
            $null = Send-Article @{ title = 'Scored'; field_score = 1.5 }
            $scored = Get-Articles @{ 'filter[s][condition][path]' = 'field_score'; 'filter[s][condition][operator]' = 'IS NOT NULL'; 'fields[node--article]' = 'field_score'; 'page[limit]' = 1 }
            $scored[0].attributes.PSObject.Properties.Name | Should -Be @('field_score')
            $scored[0].attributes.field_score | Should -Be 1.5
            $withImage = Get-Articles @{ 'filter[i][condition][path]' = 'field_image'; 'filter[i][condition][operator]' = 'IS NOT NULL'; 'fields[node--article]' = 'title' }
            $withImage.attributes.title | Should -Be @(3, 6, 9, 12, 15, 18, 21, 24 | ForEach-Object { "Article $_" })
            $problems = Get-Refusal { Get-Articles @{ 'filter[i][condition][path]' = 'field_image'; 'filter[i][condition][operator]' = '=' ; 'filter[i][condition][value]' = 'x' } }
            "$($problems[0])" | Should -BeLike '*The field ?field_image?, given in the path ?field_image? is incomplete*'
        }

        It 'matches a multi-value field on any of its values' {
            (Get-Articles @{ 'filter[field_keywords]' = 'gamma' }).attributes.title | Should -Be @('Article 3', 'Article 9', 'Article 15', 'Article 21')
        }
    }
}
