# The round trips of issue 17 through the built module, on two test servers: a Drupal 10.5 source with the seeded
# content, and a Drupal 11 target emptied first. Export, import, compare: the three commands the README shows.
Describe 'Moving content between sites' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $script:Target = Start-DrupalTestServer -DrupalVersion 11
        $script:Fixture = Join-Path $PSScriptRoot 'fixtures/core-content'
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
        function Get-TargetWrites { (Get-DrupalTestServerStats -Server $Target).jsonapiWrites }
        function Connect-Target {
            Connect-DrupalApi -Uri $Target.Uri -ClientId 'admin-client' -ClientSecret (New-Secret 'admin-secret') -Name 'd11' -SkipAdminCheck -RetryIntervalSec 0 -PassThru
        }
        # The first twelve articles: tags on most, images on 3, 6, 9 and 12, Spanish translations on the even ones.
        $script:FirstTwelve = @{ drupal_internal__nid = @{ operator = '<='; value = 12 } }
        # Each file's relative path and SHA-256, to compare two folders byte for byte.
        function Get-FolderHashes([string] $Root) {
            Get-ChildItem -LiteralPath $Root -Recurse -File | Sort-Object FullName |
                ForEach-Object { '{0} {1}' -f $_.FullName.Substring($Root.Length), (Get-FileHash -LiteralPath $_.FullName).Hash }
        }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Target
        Set-DrupalTestServerJsonApiMode -Server $Target -ReadOnly:$false
        Clear-DrupalTestServerContent -Server $Target
        $script:Source = Connect-Backend -Name 'd10'
        $script:D11 = Connect-Target
    }
    AfterAll {
        Get-DrupalConnection | Disconnect-DrupalApi
        Stop-DrupalTestServer -Server $Target
        Stop-DrupalTestServer -Server $Server
    }

    It 'copies articles with their tags, authors and images from Drupal 10 to Drupal 11, and the sites then compare equal' {
        $folder = Join-Path $TestDrive 'd10-to-d11'
        $exported = @(Export-DrupalContent node article -Filter $FirstTwelve -Path $folder -Connection $Source)
        $exported.Action | Sort-Object -Unique | Should -Be 'Exported'
        @($exported | Where-Object EntityType -eq 'node').Count | Should -Be 12
        @($exported | Where-Object EntityType -eq 'file').Count | Should -Be 4
        @($exported | Where-Object EntityType -eq 'taxonomy_term').Count | Should -Be 5

        $imported = @(Import-DrupalContent -Path $folder -Connection $D11)
        $imported.Count | Should -Be $exported.Count
        $imported | Where-Object Action -ne 'Created' | Should -BeNullOrEmpty
        # Each article after the terms and files its depends list names.
        $position = @{}
        for ($i = 0; $i -lt $imported.Count; $i++) { $position[$imported[$i].Uuid] = $i }
        foreach ($article in $imported | Where-Object EntityType -eq 'node') {
            foreach ($match in [regex]::Matches((Get-Content -Raw -LiteralPath (Join-Path $folder "node/$($article.Uuid).yml")), '([0-9a-f-]{36}): (taxonomy_term|file)')) {
                $position[$match.Groups[1].Value] | Should -BeLessThan $position[$article.Uuid]
            }
        }
        (Get-DrupalEntity node article -All -Connection $D11).id | Sort-Object | Should -Be (1..12 | ForEach-Object { Get-Uuid $_ })

        $differences = @(Compare-DrupalContent -Reference $Source -Difference $D11 -EntityType node -Bundle article -Filter $FirstTwelve)
        $differences | Should -BeNullOrEmpty -Because ($differences | Out-String)

        # The image of article 6 came with its bytes and alt text.
        $image = Get-DrupalEntity node article -Id (Get-Uuid 6) -Include field_image -Connection $D11
        $image.field_image.filename | Should -Be 'image-2.png'
        $served = Join-Path $TestDrive 'served.png'
        Invoke-WebRequest -Uri ($Target.Uri + $image.field_image.uri.url) -OutFile $served
        (Get-FileHash $served).Hash | Should -Be (Get-FileHash (Join-Path $folder 'file/image-2.png')).Hash
        (Get-DrupalEntity node article -Id (Get-Uuid 6) -Raw -Connection $D11).data.relationships.field_image.data.meta.alt | Should -Be 'Image of article 6'
    }

    It 'says of each Spanish translation that Drupal 11 JSON:API cannot create it, and a comparison with -Language es shows only those' {
        $folder = Join-Path $TestDrive 'translations'
        $null = Export-DrupalContent node article -Filter $FirstTwelve -Path $folder -Language es -Connection $Source
        $imported = @(Import-DrupalContent -Path $folder -Connection $D11)
        $withNote = @($imported | Where-Object Notes -match 'es')
        $withNote.Uuid | Sort-Object | Should -Be (2, 4, 6, 8, 10, 12 | ForEach-Object { Get-Uuid $_ })

        $differences = @(Compare-DrupalContent -Reference $Source -Difference $D11 -EntityType node -Bundle article -Filter $FirstTwelve -Language es)
        $differences.Field | Sort-Object -Unique | Should -Be 'translations.es'
        $differences.Uuid | Sort-Object | Should -Be (2, 4, 6, 8, 10, 12 | ForEach-Object { Get-Uuid $_ })
    }

    It 'a second import of the same folder finds every entity Unchanged and writes nothing' {
        $folder = Join-Path $TestDrive 'again'
        $null = Export-DrupalContent node article -Filter $FirstTwelve -Path $folder -Connection $Source
        $first = @(Import-DrupalContent -Path $folder -Connection $D11)
        $writes = Get-TargetWrites

        $second = @(Import-DrupalContent -Path $folder -Connection $D11)
        $second.Count | Should -Be $first.Count
        $second.Action | Sort-Object -Unique | Should -Be 'Unchanged'
        Get-TargetWrites | Should -Be $writes
    }

    It 'exports the same entities and values as core''s content:export for the same article' {
        $ours = Join-Path $TestDrive 'ours'
        $null = Export-DrupalContent node article -Id (Get-Uuid 6) -Language es -Path $ours -Connection $Source
        (Get-ChildItem -LiteralPath $ours -Recurse -File).Name | Sort-Object |
            Should -Be (@(Get-ChildItem -LiteralPath $Fixture -Recurse -File | Where-Object { $_.Directory.Name -ne 'user' }).Name -replace '\.json$', '.yml' | Sort-Object)

        $differences = @(Compare-DrupalContent -Reference $Fixture -Difference $ours -IncludeEqual)
        $differences | Where-Object SideIndicator -ne '==' | Should -BeNullOrEmpty -Because ($differences | Out-String)
        @($differences | Where-Object SideIndicator -eq '==').Count | Should -Be 5
        (Get-FileHash (Join-Path $ours 'file/image-2.png')).Hash | Should -Be (Get-FileHash (Join-Path $Fixture 'file/image-2.png')).Hash
    }

    It 'exports byte for byte the same folder twice' {
        $one = Join-Path $TestDrive 'one'
        $two = Join-Path $TestDrive 'two'
        $null = Export-DrupalContent node article -Path $one -Language es -Connection $Source
        $null = Export-DrupalContent node article -Path $two -Language es -Connection $Source
        Get-FolderHashes $two | Should -Be (Get-FolderHashes $one)
    }
}
