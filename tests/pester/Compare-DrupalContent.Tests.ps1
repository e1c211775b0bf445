# Compare-DrupalContent through the built module: two folders written by hand in core's default-content format, a
# folder against the test server it was exported from, and two test servers against each other.
Describe 'Compare-DrupalContent' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
        $script:Node = '4d82526d-58fc-40e8-9524-87c7a58a7143'
        $script:Tag = '03a5e7a1-1111-4c9e-8f21-5d7a9b0c3e42'
        $script:File = 'f95acacf-50a3-49ce-a46c-9b1c7a5ceaca'

        # A folder as core's exporter writes one: an article with a Spanish translation, its tag and its image file.
        function New-Folder([string] $Name, [string] $Title = 'C Article 1', [string] $SpanishTitle = 'C Artículo 1', [string] $FileUuid = $File, [string] $Bytes = 'blue box', [switch] $NoTag) {
            $root = Join-Path $TestDrive $Name
            $null = New-Item -ItemType Directory -Force "$root/node", "$root/taxonomy_term", "$root/file"
            Set-Content -LiteralPath "$root/node/$Node.yml" -NoNewline -Value @"
_meta:
  version: '1.0'
  entity_type: node
  uuid: $Node
  bundle: article
  default_langcode: en
  depends:
    $FileUuid`: file
    $Tag`: taxonomy_term
default:
  revision_uid: [{target_id: 1}]
  status: [{value: true}]
  uid: [{target_id: 1}]
  title: [{value: '$Title'}]
  path: [{langcode: en, alias: null}]
  body: [{value: '<p>Body of C Article 1.</p>', format: basic_html, summary: ''}]
  field_image: [{alt: 'Blue box', title: '', width: 40, height: 20, entity: $FileUuid}]
  field_tags: [{entity: $Tag}]
translations:
  es:
    title: [{value: '$SpanishTitle'}]

"@
            if (-not $NoTag) {
                Set-Content -LiteralPath "$root/taxonomy_term/$Tag.yml" -NoNewline -Value @"
_meta:
  version: '1.0'
  entity_type: taxonomy_term
  uuid: $Tag
  bundle: tags
  default_langcode: en
default:
  status: [{value: true}]
  name: [{value: alpha}]
  weight: [{value: 0}]
  revision_translation_affected: [{value: true}]

"@
            }
            Set-Content -LiteralPath "$root/file/$FileUuid.yml" -NoNewline -Value @"
_meta:
  version: '1.0'
  entity_type: file
  uuid: $FileUuid
  default_langcode: en
default:
  uid: [{target_id: 1}]
  filename: [{value: c-article-1.png}]
  uri: [{value: 'public://2026-12/$Name.png'}]
  filemime: [{value: image/png}]
  filesize: [{value: 8}]
  status: [{value: true}]

"@
            Set-Content -LiteralPath "$root/file/$Name.png" -NoNewline -Value $Bytes
            $root
        }
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'two folders' {
        It 'writes nothing for two folders that hold the same content, and == per entity with -IncludeEqual' {
            $left = New-Folder 'same-a'
            $right = New-Folder 'same-b'

            @(Compare-DrupalContent -Reference $left -Difference $right) | Should -HaveCount 0
            $equal = @(Compare-DrupalContent $left $right -IncludeEqual)
            $equal | Should -HaveCount 3
            $equal.SideIndicator | Sort-Object -Unique | Should -Be '=='
            $equal[0].PSObject.TypeNames | Should -Contain 'DrupalOAuth.ContentDifference'
            ($equal | Sort-Object EntityType).EntityType | Should -Be 'file', 'node', 'taxonomy_term'
            ($equal | Where-Object EntityType -EQ node).Label | Should -Be 'C Article 1'
        }

        It 'writes one difference per differing field, translations by language, and one for each entity on one side only' {
            $left = New-Folder 'diff-a'
            $right = New-Folder 'diff-b' -Title 'C Article 1, edited' -SpanishTitle 'C Artículo uno' -NoTag

            $differences = @(Compare-DrupalContent -Reference $left -Difference (Get-Item $right))

            $differences | Should -HaveCount 3
            $title = $differences | Where-Object Field -EQ 'title'
            $title.SideIndicator | Should -Be '<>'
            $title.Uuid | Should -Be $Node
            $title.ReferenceValue | Should -Be "[{value: 'C Article 1'}]"
            $title.DifferenceValue | Should -Be "[{value: 'C Article 1, edited'}]"
            ($differences | Where-Object Field -EQ 'translations.es.title').DifferenceValue | Should -Be "[{value: 'C Artículo uno'}]"
            $onlyLeft = $differences | Where-Object SideIndicator -EQ '<='
            $onlyLeft.Uuid | Should -Be $Tag
            $onlyLeft.Label | Should -Be 'alpha'
            $onlyLeft.Field | Should -BeNullOrEmpty

            $reversed = @(Compare-DrupalContent -Reference $right -Difference $left)
            ($reversed | Where-Object Uuid -EQ $Tag).SideIndicator | Should -Be '=>'
        }

        It 'leaves out -ExcludeField names, by name or as one translation''s' {
            $left = New-Folder 'exclude-a'
            $right = New-Folder 'exclude-b' -Title 'Other' -SpanishTitle 'Otro'

            @(Compare-DrupalContent $left $right -ExcludeField title) | Should -HaveCount 0
            (Compare-DrupalContent $left $right -ExcludeField translations.es.title).Field | Should -Be 'title'
        }

        It 'matches a file with another UUID by its name and bytes, and the references to it compare equal' {
            $left = New-Folder 'file-a'
            $right = New-Folder 'file-b' -FileUuid 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'

            @(Compare-DrupalContent $left $right) | Should -HaveCount 0
        }

        It 'reports bytes that differ as FileHash, and a file with other bytes and another UUID as another file' {
            $left = New-Folder 'bytes-a'
            $right = New-Folder 'bytes-b' -Bytes 'red box!'
            $hash = (Compare-DrupalContent $left $right)
            $hash.Field | Should -Be 'FileHash'
            $hash.ReferenceValue | Should -Be ("'{0}'" -f (Get-FileHash "$left/file/bytes-a.png" -Algorithm SHA256).Hash.ToLowerInvariant())

            $other = New-Folder 'bytes-c' -Bytes 'red box!' -FileUuid 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
            $differences = @(Compare-DrupalContent $left $other)
            ($differences | Where-Object Field -EQ 'field_image').SideIndicator | Should -Be '<>'
            ($differences | Where-Object EntityType -EQ file).SideIndicator | Sort-Object | Should -Be '<=', '=>'
        }

        It 'shows the table view''s columns' {
            $left = New-Folder 'view-a'
            $right = New-Folder 'view-b' -Title 'Viewed'
            $table = Compare-DrupalContent $left $right | Format-Table | Out-String -Width 250
            $table | Should -Match 'Uuid\s+EntityType\s+Label\s+SideIndicator\s+Field\s+ReferenceValue\s+DifferenceValue'
        }

        It 'writes an InvalidContentFile error for a file that does not parse and compares the rest' {
            $left = New-Folder 'broken-a'
            $right = New-Folder 'broken-b' -Title 'Changed'
            Set-Content -LiteralPath "$right/node/broken.yml" -Value "_meta: [unclosed"

            $differences = @(Compare-DrupalContent $left $right -ErrorVariable problems -ErrorAction SilentlyContinue)

            $differences.Field | Should -Be 'title'
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidContentFile,*'
            "$problems" | Should -Match 'broken.yml'
        }

        It 'fails with ContentFolderNotFound for a side that is neither a folder nor a connection''s name' {
            $left = New-Folder 'missing-a'
            { Compare-DrupalContent $left (Join-Path $TestDrive 'nowhere') } | Should -Throw -ErrorId 'ContentFolderNotFound,DrupalOAuth.Commands.CompareDrupalContentCommand'
            { Compare-DrupalContent $left 42 } | Should -Throw -ErrorId 'InvalidContentSide,DrupalOAuth.Commands.CompareDrupalContentCommand'
        }
    }

    Context 'a folder and a site' {
        BeforeEach {
            Reset-DrupalTestServer -Server $Server
            $script:Site = Connect-Backend -Name 'site' -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 }
        }

        It 'finds no difference between an export and its site, then the field edited in the folder' {
            $folder = Join-Path $TestDrive 'export-12'
            $null = Export-DrupalContent node article -Id (Get-Uuid 12) -Path $folder -Connection site

            @(Compare-DrupalContent -Reference $folder -Difference site -Verbose 4>&1 | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -HaveCount 0
            $verbose = Compare-DrupalContent -Reference $folder -Difference $Site -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            "$verbose" | Should -Match 'entities read from .* in \d+ requests'

            # As after an import: the site keeps the file under a UUID of its own; it matches by its name and bytes, silently.
            $fileYaml = Get-ChildItem "$folder/file" -Filter *.yml | Select-Object -First 1
            $siteFileUuid = $fileYaml.BaseName
            $folderFileUuid = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
            foreach ($yml in Get-ChildItem $folder -Recurse -Filter *.yml) {
                (Get-Content -Raw $yml.FullName) -creplace $siteFileUuid, $folderFileUuid | Set-Content -NoNewline $yml.FullName
            }
            Rename-Item $fileYaml.FullName "$folderFileUuid.yml"
            @(Compare-DrupalContent -Reference $folder -Difference site -WarningVariable warnings -IncludeEqual).SideIndicator | Sort-Object -Unique | Should -Be '=='
            $warnings | Should -BeNullOrEmpty

            $yaml = Get-ChildItem "$folder/node" -Filter *.yml | Select-Object -First 1
            (Get-Content -Raw $yaml.FullName) -creplace "value: 'Article 12'", "value: 'Article twelve'" | Set-Content -NoNewline $yaml.FullName
            $differences = @(Compare-DrupalContent -Reference $folder -Difference site)
            $differences | Should -HaveCount 1
            $differences[0].Field | Should -Be 'title'
            $differences[0].DifferenceValue | Should -Be "[{value: 'Article 12'}]"
        }
        It 'reads the folder''s translation languages from a site that lists none to the consumer, and leaves users out without -IncludeUsers' {
            $folder = Join-Path $TestDrive 'export-6'
            $null = Export-DrupalContent node article -Id (Get-Uuid 6) -Path $folder -Language es -IncludeUsers -Connection site
            $node = (Get-ChildItem "$folder/node" -Filter *.yml)[0].FullName
            Get-Content -Raw $node | Should -Match 'translations:'
            @(Get-ChildItem "$folder/user" -Filter *.yml) | Should -Not -BeNullOrEmpty

            $verbose = Compare-DrupalContent -Reference $folder -Difference site -Verbose 4>&1
            @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -HaveCount 0
            "$verbose" | Should -Match 'users left out'
            @(Compare-DrupalContent -Reference $folder -Difference site -IncludeUsers) | Should -HaveCount 0

            $text = Get-Content -Raw $node
            $at = $text.IndexOf('translations:')
            $text.Substring(0, $at) + ($text.Substring($at) -creplace "value: '[^']*'", "value: 'Otro'") | Set-Content -NoNewline $node
            (Compare-DrupalContent -Reference $folder -Difference site).Field | Should -BeLike 'translations.es.*'
        }
    }

    Context 'two sites' {
        BeforeAll {
            $script:Other = Start-DrupalTestServer
        }
        AfterAll { Stop-DrupalTestServer -Server $Other }
        BeforeEach {
            Reset-DrupalTestServer -Server $Server
            Reset-DrupalTestServer -Server $Other
            Set-DrupalTestServerJsonApiMode -Server $Other -ReadOnly:$false
            $null = Connect-Backend -Name 'one' -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 }
            $null = Connect-DrupalApi -Uri $Other.Uri -ClientId 'editor-client' -ClientSecret (New-Secret 'editor-secret') -Name 'two' -SkipAdminCheck -RetryIntervalSec 0 -PassThru
        }

        It 'needs -EntityType' {
            { Compare-DrupalContent one two } | Should -Throw -ErrorId 'InvalidEntityType,DrupalOAuth.Commands.CompareDrupalContentCommand'
        }

        It 'finds no difference between two sites with the same content, then the one title changed on one' {
            $ids = (Get-Uuid 11), (Get-Uuid 12)
            @(Compare-DrupalContent -Reference one -Difference two -EntityType node -Bundle article -Id $ids) | Should -HaveCount 0

            $null = Set-DrupalEntity -EntityType node -Bundle article -Id (Get-Uuid 12) -Attributes @{ title = 'Changed on two' } -Connection two
            $differences = @(Compare-DrupalContent -Reference one -Difference two -EntityType node -Bundle article -Id $ids -IncludeEqual)

            ($differences | Where-Object SideIndicator -EQ '<>').Field | Should -Be 'title'
            ($differences | Where-Object SideIndicator -EQ '<>').DifferenceValue | Should -Be "[{value: 'Changed on two'}]"
            ($differences | Where-Object Uuid -EQ (Get-Uuid 11)).SideIndicator | Should -Be '=='
        }

        It 'reads a whole selection on each site: an article made on one only is => with its label' {
            $made = New-DrupalEntity node article -Attributes @{ title = 'Only on two' } -Connection two

            $differences = @(Compare-DrupalContent -Reference one -Difference two -EntityType node -Bundle article -Filter @{ title = 'Only on two' })

            $differences | Should -HaveCount 1
            $differences[0].SideIndicator | Should -Be '=>'
            $differences[0].Uuid | Should -Be $made.id
            $differences[0].Label | Should -Be 'Only on two'
        }
    }
}
