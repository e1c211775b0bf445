# The test server's support for moving content between sites (tests/DrupalTestServer/README.md, "Content moves"):
# an empty site to import into, the writes an import of core's default-content format needs (image meta, uploads
# named as Drupal names them, temporary files, term hierarchies), translations on writes as core's JSON:API answers
# them, and a Drupal 11 mode.
Describe 'Drupal test server content moves' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        function Connect-As([string] $ClientId, [string] $Secret) {
            $null = Connect-Backend -ClientId $ClientId -Secret $Secret -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0; MaximumRetryCount = 0 }
        }
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
        function Send-Resource([string] $Path, [string] $Type, [hashtable] $Attributes = @{}, [string] $Method = 'Post', [string] $Id, [hashtable] $Relationships) {
            $data = @{ type = $Type; attributes = $Attributes }
            if ($Relationships) { $data.relationships = $Relationships }
            if ($Id) { $data.id = $Id; if ($Method -ne 'Post') { $Path += "/$Id" } }
            (Invoke-DrupalRequest -Method $Method -Path $Path -Body @{ data = $data }).data
        }
        function Send-Article([hashtable] $Attributes, [string] $Method = 'Post', [string] $Id, [hashtable] $Relationships, [string] $Language) {
            $base = if ($Language) { "/$Language/jsonapi/node/article" } else { '/jsonapi/node/article' }
            Send-Resource $base 'node--article' $Attributes $Method $Id $Relationships
        }
        function Send-Term([hashtable] $Attributes, [string] $Method = 'Post', [string] $Id, [hashtable] $Relationships) {
            Send-Resource '/jsonapi/taxonomy_term/tags' 'taxonomy_term--tags' $Attributes $Method $Id $Relationships
        }
        function Get-Refusal([scriptblock] $Call) {
            $ErrorActionPreference = 'Continue'
            $records = [Collections.Generic.List[object]]::new()
            try { & $Call 2>&1 | Where-Object { $_ -is [Management.Automation.ErrorRecord] } | ForEach-Object { $records.Add($_) } }
            catch { $records.Add($_) }
            , $records.ToArray()
        }
        function Get-Data([string] $Path, [hashtable] $Query = @{}) { @((Invoke-DrupalRequest -Path $Path -Query $Query).data) }
        function New-Upload([string] $Name, [byte[]] $Bytes) {
            $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            [IO.File]::WriteAllBytes($path, $Bytes)
            New-DrupalFile -EntityType node -Bundle article -Field field_image -Path $path -FileName $Name
        }
        # Published pages are public: the raw answer without a token, its X-Generator and its JSON.
        function Get-Raw([string] $Path, [string] $Base = $Uri) {
            $answer = Invoke-WebRequest -Uri "$Base$Path" -SkipHttpErrorCheck
            [pscustomobject]@{
                Generator = "$($answer.Headers['X-Generator'])"
                Json      = [Text.Encoding]::UTF8.GetString($answer.Content) | ConvertFrom-Json
            }
        }
        function Image([string] $FileId, [hashtable] $Meta) {
            $item = @{ type = 'file--file'; id = $FileId }
            if ($Meta) { $item.meta = $Meta }
            @{ field_image = @{ data = $item } }
        }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
        Connect-As 'writer-client' 'writer-secret'
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'an empty site' {
        It 'has no nodes, terms or files; users, the vocabulary and the consumers stay' {
            Clear-DrupalTestServerContent -Server $Server
            foreach ($path in '/jsonapi/node/article', '/jsonapi/node/page', '/jsonapi/taxonomy_term/tags', '/jsonapi/file/file') {
                Get-Data $path | Should -HaveCount 0 -Because "$path is empty"
            }
            Get-Data '/es/jsonapi/node/article' | Should -HaveCount 0
            Get-Data '/jsonapi/user/user' | Should -HaveCount 7
            Connect-As 'admin-client' 'admin-secret'
            (Get-Data '/jsonapi/taxonomy_vocabulary/taxonomy_vocabulary').attributes.drupal_internal__vid | Should -Be 'tags'
        }

        It 'numbers the first node, term and file 1 and keeps the switches' {
            Clear-DrupalTestServerContent -Server $Server
            (Send-Article @{ title = 'First' }).attributes.drupal_internal__nid | Should -Be 1
            (Send-Term @{ name = 'First' }).attributes.drupal_internal__tid | Should -Be 1
            (New-Upload 'first.png' ([byte[]](1..10))).drupal_internal__fid | Should -Be 1
        }

        It 'keeps a client''s UUID on a term: 409 when it is taken, 422 when it is no UUID' {
            Clear-DrupalTestServerContent -Server $Server
            $id = [guid]::NewGuid().ToString()
            (Send-Term @{ name = 'alpha' } -Id $id).id | Should -Be $id
            "$((Get-Refusal { Send-Term @{ name = 'again' } -Id $id })[0])" | Should -BeLike '*Conflict: Entity already exists.*'
            "$((Get-Refusal { Send-Term @{ name = 'bad' } -Id 'not-a-uuid' })[0])" | Should -BeLike '*IDs should be properly generated and formatted UUIDs as described in RFC 4122.*'
        }

        It 'comes back seeded after a reset' {
            Clear-DrupalTestServerContent -Server $Server
            Reset-DrupalTestServer -Server $Server
            (Get-Data '/jsonapi/node/article' @{ 'page[offset]' = 20 }) | Should -HaveCount 5
            Get-Data '/jsonapi/taxonomy_term/tags' | Should -HaveCount 5
        }
    }

    Context 'image fields keep their meta' {
        It 'keeps alt, title, width and height given on POST, shows them on GET' {
            $file = New-Upload 'box.png' ([byte[]](1..40))
            $meta = @{ alt = 'Blue box'; title = ''; width = 40; height = 20; drupal_internal__target_id = 999 }
            $created = Send-Article @{ title = 'Boxed' } -Relationships (Image $file.id $meta)
            $item = (Get-Data "/jsonapi/node/article/$($created.id)").relationships.field_image.data
            $item.id | Should -Be $file.id
            $item.meta.alt | Should -Be 'Blue box'
            $item.meta.title | Should -Be ''
            $item.meta.width | Should -Be 40
            $item.meta.height | Should -Be 20
            $item.meta.drupal_internal__target_id | Should -Be $file.drupal_internal__fid
            (Get-Data '/jsonapi/node/article' @{ 'filter[field_image.meta.alt]' = 'Blue box' }).id | Should -Be $created.id
        }

        It 'replaces them on PATCH; an item without meta has no alt, and a seeded file its own size' {
            $three = Get-Uuid 3
            (Get-Data "/jsonapi/node/article/$three").relationships.field_image.data.meta.alt | Should -Be 'Image of article 3'
            $fileId = (Get-Data "/jsonapi/node/article/$three").relationships.field_image.data.id
            $patched = Send-Article @{} -Method Patch -Id $three -Relationships (Image $fileId @{ alt = 'Three'; title = 'T' })
            $patched.relationships.field_image.data.meta.alt | Should -Be 'Three'
            $patched.relationships.field_image.data.meta.title | Should -Be 'T'
            $patched.relationships.field_image.data.meta.width | Should -Be 640
            $bare = (Send-Article @{} -Method Patch -Id $three -Relationships (Image $fileId)).relationships.field_image.data.meta
            $bare.alt | Should -BeNullOrEmpty
            $bare.height | Should -Be 480
        }
    }

    Context 'uploads' {
        It 'keeps the name uploaded as filename and renames only the uri on a clash' {
            $first = New-Upload 'a.png' ([byte[]](1..10))
            $second = New-Upload 'a.png' ([byte[]](1..20))
            $first.filename | Should -Be 'a.png'
            $first.uri.value | Should -Be 'public://2026-01/a.png'
            $second.filename | Should -Be 'a.png'
            $second.uri.value | Should -Be 'public://2026-01/a_0.png'
            $second.uri.url | Should -Be '/sites/default/files/2026-01/a_0.png'
            (Invoke-WebRequest -Uri "$Uri/sites/default/files/2026-01/a_0.png").RawContentLength | Should -Be 20
        }

        It 'is a temporary file until a node that references it is saved' {
            $file = New-Upload 'temp.png' ([byte[]](1..10))
            $file.status | Should -BeFalse
            (Get-Data "/jsonapi/file/file/$($file.id)").attributes.status | Should -BeFalse
            $null = Send-Article @{ title = 'Keeps it' } -Relationships (Image $file.id @{ alt = 'kept' })
            (Get-Data "/jsonapi/file/file/$($file.id)").attributes.status | Should -BeTrue
            (Get-Data '/jsonapi/file/file/00000001-f11e-4c3e-9f00-000000000001').attributes.status | Should -BeTrue -Because 'seeded images are permanent'
        }

        It 'makes a file attached to an article permanent at once' {
            $path = Join-Path $TestDrive 'attached.png'
            [IO.File]::WriteAllBytes($path, [byte[]](1..10))
            $null = New-DrupalFile -EntityType node -Bundle article -Field field_image -Path $path -Id (Get-Uuid 1)
            $item = (Get-Data "/jsonapi/node/article/$(Get-Uuid 1)").relationships.field_image.data
            (Get-Data "/jsonapi/file/file/$($item.id)").attributes.status | Should -BeTrue
            $item.meta.alt | Should -BeNullOrEmpty
        }
    }

    Context 'terms' {
        It 'keeps parent, description and weight on POST and PATCH' {
            $parent = Send-Term @{ name = 'Languages' }
            $child = Send-Term @{ name = 'C#'; weight = 4; description = @{ value = '<p>Sharp</p>'; format = 'basic_html' } } -Relationships @{
                parent = @{ data = @(@{ type = 'taxonomy_term--tags'; id = $parent.id }) }
            }
            $read = Get-Data "/jsonapi/taxonomy_term/tags/$($child.id)"
            $read.attributes.weight | Should -Be 4
            $read.attributes.description.value | Should -Be '<p>Sharp</p>'
            $read.attributes.description.format | Should -Be 'basic_html'
            $read.relationships.parent.data.id | Should -Be $parent.id
            $root = Send-Term @{ weight = 1 } -Method Patch -Id $child.id -Relationships @{ parent = @{ data = @(@{ type = 'taxonomy_term--tags'; id = 'virtual' }) } }
            $root.relationships.parent.data.id | Should -Be 'virtual'
            $root.attributes.weight | Should -Be 1
        }
    }

    Context 'translations on writes' {
        It 'updates the Spanish translation under /es/jsonapi and leaves the original as it was' {
            $two = Get-Uuid 2
            $patched = Send-Article @{ title = 'Artículo dos'; body = @{ value = '<p>Dos.</p>'; format = 'basic_html' } } -Method Patch -Id $two -Language es
            $patched.attributes.langcode | Should -Be 'es'
            $patched.attributes.title | Should -Be 'Artículo dos'
            (Get-Data "/es/jsonapi/node/article/$two").attributes.body.value | Should -Be '<p>Dos.</p>'
            $english = (Get-Data "/jsonapi/node/article/$two").attributes
            $english.title | Should -Be 'Article 2'
            $english.body.value | Should -Be '<p>Body of article 2.</p>'
        }

        It 'refuses a PATCH naming a translation the node lacks, as core does (405)' {
            $three = Get-Uuid 3
            $problem = (Get-Refusal { Send-Article @{ title = 'Artículo tres' } -Method Patch -Id $three -Language es })[0]
            "$problem" | Should -BeLike '*The requested translation of the resource object does not exist, instead modify one of the translations that do exist: en.*'
            (Get-Data "/jsonapi/node/article/$three").attributes.title | Should -Be 'Article 3'
        }

        It 'refuses to delete a translation (405) and cannot create one: a POST under /es/ with the node''s UUID is a conflict' {
            $problem = (Get-Refusal { Invoke-DrupalRequest -Method Delete -Path "/es/jsonapi/node/article/$(Get-Uuid 2)" })[0]
            "$problem" | Should -BeLike '*Deleting a resource object translation is not yet supported.*'
            $conflict = (Get-Refusal { Send-Article @{ title = 'Artículo tres'; langcode = 'es' } -Id (Get-Uuid 3) -Language es })[0]
            "$conflict" | Should -BeLike '*Conflict: Entity already exists.*'
            $new = Send-Article @{ title = 'Nuevo' } -Language es
            $new.attributes.langcode | Should -Be 'en' -Because 'a new node takes the site''s default language'
        }

        It 'lists the languages to the administrator only' {
            Get-Data '/jsonapi/configurable_language/configurable_language' | Should -HaveCount 0
            Connect-As 'admin-client' 'admin-secret'
            $languages = Get-Data '/jsonapi/configurable_language/configurable_language'
            $languages.attributes.drupal_internal__id | Should -Be @('en', 'es', 'und', 'zxx')
            ($languages | Where-Object { $_.attributes.locked }).attributes.drupal_internal__id | Should -Be @('und', 'zxx')
        }
    }

    Context 'Drupal 11 mode' {
        It 'answers as Drupal 10 by default' {
            $page = Get-Raw '/jsonapi/node/page'
            $page.Generator | Should -Be 'Drupal 10 (https://www.drupal.org)'
            $json = $page.Json
            $json.jsonapi.version | Should -Be '1.0'
            $json.data[0].links.PSObject.Properties.Name | Should -Not -Contain 'working-copy'
            $json.data[0].attributes.PSObject.Properties.Name | Should -Not -Contain 'content_translation_source'
        }

        It 'speaks JSON:API 1.1 with working-copy links and translation fields until a reset' {
            Set-DrupalTestServerDrupalVersion -Server $Server -Version 11
            $two = Get-Uuid 2
            $answer = Get-Raw "/jsonapi/node/article/$two`?include=field_tags"
            $answer.Generator | Should -Be 'Drupal 11 (https://www.drupal.org)'
            $json = $answer.Json
            $json.jsonapi.version | Should -Be '1.1'
            $json.jsonapi.meta.links.self.href | Should -Be 'https://jsonapi.org/format/1.1/'
            $json.data.links.'working-copy'.href | Should -Be "$Uri/jsonapi/node/article/$two`?resourceVersion=rel%3Aworking-copy"
            $json.included[0].links.'working-copy'.href | Should -BeLike '*/jsonapi/taxonomy_term/tags/*?resourceVersion=rel%3Aworking-copy'
            $json.data.attributes.content_translation_source | Should -Be 'und'
            $json.data.attributes.content_translation_outdated | Should -BeFalse
            $spanish = (Get-Raw "/es/jsonapi/node/article/$two").Json
            $spanish.data.attributes.content_translation_source | Should -Be 'en'
            (Get-Raw '/jsonapi/node/article/nope').Json.jsonapi.version | Should -Be '1.1' -Because 'errors say it too'
            Reset-DrupalTestServer -Server $Server
            (Get-Raw '/jsonapi/node/page').Json.jsonapi.version | Should -Be '1.0'
        }

        It 'starts as Drupal 11 with -DrupalVersion 11 and comes back to it on reset' {
            $eleven = Start-DrupalTestServer -DrupalVersion 11
            try {
                $eleven.DrupalVersion | Should -Be 11
                Set-DrupalTestServerDrupalVersion -Server $eleven -Version 10
                Reset-DrupalTestServer -Server $eleven
                $page = Get-Raw '/jsonapi/node/page' -Base $eleven.Uri
                $page.Generator | Should -Be 'Drupal 11 (https://www.drupal.org)'
                $page.Json.jsonapi.version | Should -Be '1.1'
            }
            finally { Stop-DrupalTestServer -Server $eleven }
        }

        It 'refuses another version' {
            { Invoke-DrupalTestServerControl -Server $Server -Action drupal-version -Body @{ version = 12 } } | Should -Throw '*400*'
        }
    }
}
