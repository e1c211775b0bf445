# Export-DrupalContent against the test server: core's default-content folder for articles with their tags, images and
# translations; what is left out (users, a root term's parent, passwords); file bytes under the uri's name; byte-stable
# files; the selection, piped entities and -WhatIf.
Describe 'Export-DrupalContent' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
        function Get-TagUuid([int] $Tid) { '{0:x8}-7a95-4c3e-9f00-{0:x12}' -f $Tid }
        function Get-FileUuid([int] $Fid) { '{0:x8}-f11e-4c3e-9f00-{0:x12}' -f $Fid }
        function Connect-Admin { Connect-Backend -ClientId 'admin-client' -Secret 'admin-secret' -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 } }
        function New-Folder { Join-Path ([IO.Path]::GetTempPath()) ('content-' + [guid]::NewGuid().ToString('N')) }
        function Get-Files($Folder) { @(Get-ChildItem $Folder -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($Folder, $_.FullName).Replace('\', '/') } | Sort-Object) }
        function Get-Reads { @((Get-Stats).jsonapiLog | Where-Object { $_ -match '^GET ' }) }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        $null = Connect-Admin
        $folder = New-Folder
    }
    AfterEach { if (Test-Path $folder) { Remove-Item $folder -Recurse -Force } }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'one article with what it references' {
        It 'writes article 6, its three tags and its image with the bytes, and no user' {
            $results = @(Export-DrupalContent node article -Id (Get-Uuid 6) -Path $folder)

            $results | Should -HaveCount 5
            $results[0].PSObject.TypeNames | Should -Contain 'DrupalOAuth.ContentResult'
            $results.Action | Sort-Object -Unique | Should -Be 'Exported'
            ($results | Where-Object EntityType -EQ 'node').Label | Should -Be 'Article 6'
            @($results | Where-Object EntityType -EQ 'taxonomy_term').Label | Sort-Object | Should -Be 'Drupal', 'OAuth', 'PowerShell'
            Get-Files $folder | Should -Be @(
                "file/$(Get-FileUuid 2).yml"
                'file/image-2.png'
                "node/$(Get-Uuid 6).yml"
                "taxonomy_term/$(Get-TagUuid 1).yml"
                "taxonomy_term/$(Get-TagUuid 2).yml"
                "taxonomy_term/$(Get-TagUuid 5).yml")
            ($results | Where-Object EntityType -EQ 'node').Path | Should -Be (Join-Path $folder "node/$(Get-Uuid 6).yml")
        }

        It 'writes the article in core''s format: depends, field items, the image''s alt, the Spanish translation' {
            $null = Export-DrupalContent node article -Id (Get-Uuid 6) -Path $folder
            $yaml = Get-Content -Raw (Join-Path $folder "node/$(Get-Uuid 6).yml")

            $yaml | Should -Match "(?m)^_meta:\n  version: '1.0'\n  entity_type: node\n  uuid: $(Get-Uuid 6)\n  bundle: article\n  default_langcode: en\n  depends:\n"
            $yaml | Should -Match "(?m)^    $(Get-TagUuid 1): taxonomy_term$"
            $yaml | Should -Match "(?m)^    $(Get-FileUuid 2): file$"
            $yaml | Should -Match "(?m)^      value: 'Article 6'$"
            $yaml | Should -Match "(?m)^      entity: $(Get-TagUuid 5)$"
            $yaml | Should -Match "(?m)^      alt: 'Image of article 6'$"
            $yaml | Should -Match "(?m)^translations:\n  es:\n"
            $yaml | Should -Match 'Artículo 6'
            foreach ($leftOut in 'drupal_internal__nid', 'created:', 'changed:', 'processed', 'revision_timestamp') { $yaml | Should -Not -Match $leftOut }
        }

        It 'downloads the image''s bytes as they are on the site' {
            $null = Export-DrupalContent node article -Id (Get-Uuid 6) -Path $folder
            $served = Join-Path $folder 'served.png'
            Invoke-DrupalRequest '/sites/default/files/2026-01/image-2.png' -OutFile $served

            (Get-FileHash (Join-Path $folder 'file/image-2.png')).Hash | Should -Be (Get-FileHash $served).Hash
            (Get-Item (Join-Path $folder 'file/image-2.png')).Length | Should -Be (1024 + 16 * 2)
            Get-Content -Raw (Join-Path $folder "file/$(Get-FileUuid 2).yml") | Should -Match "(?m)^      value: 'public://2026-01/image-2.png'$"
        }

        It 'writes only the article with -NoDependencies, its references staying in depends' {
            $results = @(Export-DrupalContent node article -Id (Get-Uuid 6) -NoDependencies -Path $folder)

            $results | Should -HaveCount 1
            Get-Files $folder | Should -Be "node/$(Get-Uuid 6).yml"
            Get-Content -Raw (Join-Path $folder "node/$(Get-Uuid 6).yml") | Should -Match "(?m)^    $(Get-TagUuid 2): taxonomy_term$"
        }

        It 'writes the author with -IncludeUsers, never a password' {
            $results = @(Export-DrupalContent node article -Id (Get-Uuid 6) -IncludeUsers -Path $folder)

            $user = $results | Where-Object EntityType -EQ 'user'
            $user | Should -HaveCount 1
            $user.Label | Should -Be 'api_user'
            $yaml = Get-Content -Raw $user.Path
            $yaml | Should -Match "(?m)^  entity_type: user$"
            $yaml | Should -Not -Match 'pass'
        }
    }

    Context 'what core gets wrong' {
        It 'names a renamed upload''s bytes after its uri (image-1_0.png), not its filename' {
            Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
            $bytes = Join-Path $folder 'upload.png'
            $null = New-Item -ItemType Directory $folder
            [IO.File]::WriteAllBytes($bytes, [byte[]](1..200))
            $file = New-DrupalFile -EntityType node -Bundle article -Field field_image -Path $bytes -FileName 'image-1.png'
            $out = Join-Path $folder 'out'

            $result = Export-DrupalContent file -Id $file.id -Path $out

            $result.Action | Should -Be 'Exported'
            Get-Files $out | Should -Be "file/$($file.id).yml", 'file/image-1_0.png'
            (Get-FileHash (Join-Path $out 'file/image-1_0.png')).Hash | Should -Be (Get-FileHash $bytes).Hash
            $yaml = Get-Content -Raw (Join-Path $out "file/$($file.id).yml")
            $yaml | Should -Match "(?m)^      value: image-1.png$"
            $yaml | Should -Match 'public://2026-01/image-1_0.png'
        }

        It 'writes root terms without a parent, and asks for no term 0' {
            $null = Export-DrupalContent taxonomy_term tags -Path $folder

            Get-Files $folder | Should -HaveCount 5
            foreach ($file in Get-ChildItem (Join-Path $folder 'taxonomy_term')) { Get-Content -Raw $file | Should -Not -Match 'parent' }
            Get-Reads | Should -Not -Match 'virtual'
        }
    }

    Context 'whole selections' {
        It 'exports all 25 articles with their 5 tags and 8 images, each once, as each page comes' {
            $results = @(Export-DrupalContent node article -Path $folder -ThrottleLimit 2)

            @($results | Where-Object EntityType -EQ 'node') | Should -HaveCount 25
            @($results | Where-Object EntityType -EQ 'taxonomy_term') | Should -HaveCount 5
            @($results | Where-Object EntityType -EQ 'file') | Should -HaveCount 8
            @($results.Uuid | Sort-Object -Unique) | Should -HaveCount 38
            @(Get-ChildItem (Join-Path $folder 'file') -Filter *.png) | Should -HaveCount 8
            Test-Path (Join-Path $folder 'user') | Should -BeFalse
        }

        It 'writes identical files when the same content is exported twice' {
            $second = New-Folder
            try {
                $null = Export-DrupalContent node article -Path $folder
                $null = Export-DrupalContent node article -Path $second
                $hashes = { param($f) Get-Files $f | ForEach-Object { "$_ $((Get-FileHash (Join-Path $f $_)).Hash)" } }
                (& $hashes $second) | Should -Be (& $hashes $folder)
                (& $hashes $folder) | Should -HaveCount (38 + 8)
            }
            finally { Remove-Item $second -Recurse -Force -ErrorAction SilentlyContinue }
        }

        It 'exports the entities piped from Get-DrupalEntity, with what they reference' {
            $results = @(Get-DrupalEntity node article -Filter @{ drupal_internal__nid = @(2, 3) } | Export-DrupalContent -Path $folder)

            @($results | Where-Object EntityType -EQ 'node').Uuid | Sort-Object | Should -Be (Get-Uuid 2), (Get-Uuid 3)
            @($results | Where-Object EntityType -EQ 'file').Uuid | Should -Be (Get-FileUuid 1)
            @($results | Where-Object EntityType -EQ 'taxonomy_term').Uuid | Sort-Object | Should -Be (Get-TagUuid 1), (Get-TagUuid 2)
        }

        It 'honours -First and -Filter, and reads dependencies in batches, not one request per entity' {
            Set-DrupalTestServerContent -Server $Server -Articles 200
            $before = @(Get-Reads).Count

            $results = @(Export-DrupalContent node article -Filter @{ status = 1 } -First 120 -Language @() -Path $folder)

            @($results | Where-Object EntityType -EQ 'node') | Should -HaveCount 120
            @($results | Where-Object EntityType -EQ 'file') | Should -HaveCount 40
            # 3 pages, the index and language list aside; tags in one batch, files in one: nowhere near one a reference.
            (@(Get-Reads).Count - $before) | Should -BeLessOrEqual 8
        }

        It 'writes nothing and reads nothing with -WhatIf' {
            $before = @(Get-Reads).Count

            Export-DrupalContent node article -Path $folder -WhatIf

            Test-Path $folder | Should -BeFalse
            @(Get-Reads).Count | Should -Be $before
        }

        It 'writes a Failed result and an error record for a piped entity that does not exist, and the others' {
            $piped = @(
                [pscustomobject]@{ type = 'node--article'; id = (Get-Uuid 1) }
                [pscustomobject]@{ type = 'node--article'; id = (Get-Uuid 99) })

            $results = @($piped | Export-DrupalContent -NoDependencies -Path $folder -ErrorVariable failures -ErrorAction SilentlyContinue)

            ($results | Where-Object Action -EQ 'Exported').Uuid | Should -Be (Get-Uuid 1)
            ($results | Where-Object Action -EQ 'Failed').Uuid | Should -Be (Get-Uuid 99)
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'ContentNotExported,DrupalOAuth.Commands.ExportDrupalContentCommand'
        }
    }
}
