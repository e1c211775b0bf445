# Export-DrupalEntity against the test server, and the round trip the issue asks for: a sheet exported, edited as a
# person would (a title, a tag name, a new row at the end), imported back (exactly those changes), imported again
# (every row Unchanged, no write), in CSV, xlsx and JSON.
Describe 'Export-DrupalEntity' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'SheetFiles.ps1')
        . (Join-Path $PSScriptRoot 'ChildProcess.ps1')
        function Get-Uuid([int] $Nid) { '{0:x8}-d7a1-4c3e-9f00-{0:x12}' -f $Nid }
        function Get-TagUuid([int] $Tid) { '{0:x8}-7a95-4c3e-9f00-{0:x12}' -f $Tid }
        function Connect-Editor { Connect-Backend -ClientId 'editor-client' -Secret 'editor-secret' -With @{ SkipAdminCheck = $true; RetryIntervalSec = 0 } }
        function Get-Reads { @((Get-Stats).jsonapiLog | Where-Object { $_ -match '^GET ' }) }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
        $null = Connect-Editor
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'rows to the pipeline' {
        It 'writes id, the label, then the fields: dotted columns, labels of relationships, no read-only values' {
            $rows = @(Export-DrupalEntity node article)
            $rows | Should -HaveCount 25
            $rows[0].PSObject.TypeNames | Should -Contain 'DrupalOAuth.SheetRow'
            $headers = @($rows[0].PSObject.Properties.Name)
            $headers[0..1] | Should -Be 'id', 'title'
            foreach ($column in 'body.value', 'body.format', 'status', 'created', 'field_tags', 'uid') { $headers | Should -Contain $column }
            foreach ($column in 'drupal_internal__nid', 'changed', 'body.processed', 'revision_uid', 'revision_timestamp', 'node_type', 'path.pid', 'default_langcode', 'type', 'body') {
                $headers | Should -Not -Contain $column
            }
            $twelve = $rows | Where-Object id -EQ (Get-Uuid 12)
            $twelve.title | Should -Be 'Article 12'
            $twelve.field_tags | Should -Be 'PowerShell; Drupal; Automation; OAuth'
            $twelve.uid | Should -Be 'api_user'
            $twelve.'body.value' | Should -Be '<p>Body of article 12.</p>'
            $twelve.status | Should -BeTrue
            $twelve.created | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d'
            [DateTimeOffset]::Parse($twelve.created, [cultureinfo]::InvariantCulture) | Should -Be ([DateTimeOffset]::FromUnixTimeSeconds(1700000000 + 12 * 3600))
            ($rows | Where-Object id -EQ (Get-Uuid 1)).field_tags | Should -BeNullOrEmpty
        }

        It 'writes ids with -ReferenceBy Id, the read-only values with -IncludeReadOnly, and joins with -Delimiter' {
            $row = Export-DrupalEntity node article -Filter @{ drupal_internal__nid = 6 } -ReferenceBy Id -Delimiter ' | ' -IncludeReadOnly
            $row.field_tags | Should -Be "$(Get-TagUuid 1) | $(Get-TagUuid 2) | $(Get-TagUuid 5)"
            $row.drupal_internal__nid | Should -Be 6
            $row.PSObject.Properties.Name | Should -Contain 'changed'
        }

        It 'looks labels up once per related type and page, never once per row' {
            Set-DrupalTestServerContent -Server $Server -Articles 200
            $before = (Get-Stats).jsonapiRequests
            $rows = @(Export-DrupalEntity node article -PageSize 50 -Verbose 4>&1 | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            $requests = (Get-Stats).jsonapiRequests - $before
            $rows | Should -HaveCount 200
            # 4 pages, tags and users per page, and what learning the fields takes: nowhere near a request per row.
            $requests | Should -BeLessOrEqual 20
            Write-Host "    Export of 200 articles: $requests JSON:API requests"
        }

        It 'reads only -First rows, and exports entities from the pipeline, with an error record for an object that is none' {
            @(Export-DrupalEntity node article -First 7) | Should -HaveCount 7
            $items = @(Get-DrupalEntity node article -First 3) + [pscustomobject]@{ title = 'no type' } + @(Get-DrupalEntity node page -First 1)
            $rows = @($items | Export-DrupalEntity -ErrorVariable problems -ErrorAction SilentlyContinue)
            $rows | Should -HaveCount 3
            $rows[0].title | Should -Be 'Article 1'
            $problems | Should -HaveCount 2
            $problems | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'NotAnEntity,*' }
        }
    }

    Context 'files' {
        It 'writes Excel-ready CSV: a byte-order mark, accents and CJK intact, and gives the FileInfo' {
            $null = New-DrupalEntity node article -Attributes @{ title = 'Café Ünïcödé 東京の記事 ✓' }
            $path = Join-Path $TestDrive 'accents.csv'
            $file = Export-DrupalEntity node article -Path $path
            $file | Should -BeOfType [IO.FileInfo]
            $file.FullName | Should -Be $path
            $bytes = [IO.File]::ReadAllBytes($path)
            $bytes[0..2] | Should -Be 0xEF, 0xBB, 0xBF
            $expected = [Text.Encoding]::UTF8.GetBytes('Café Ünïcödé 東京の記事 ✓')
            [Convert]::ToHexString($bytes) | Should -Match ([Convert]::ToHexString($expected))
            (Import-Csv $path | Where-Object title -Like 'Café*').title | Should -Be 'Café Ünïcödé 東京の記事 ✓'
        }

        It 'writes an xlsx workbook with the text intact and typed cells, which imports back unchanged' {
            $null = New-DrupalEntity node article -Attributes @{ title = 'Café Ünïcödé 東京の記事 ✓' }
            $path = Join-Path $TestDrive 'accents.xlsx'
            $null = Export-DrupalEntity node article -Path $path
            $rows = @(Read-SheetFile $path)
            $rows | Should -HaveCount 26
            ($rows | Where-Object { $_.title -like 'Café*' }).title | Should -Be 'Café Ünïcödé 東京の記事 ✓'
            $results = @(Import-DrupalEntity node article -Path $path)
            $results.Action | Sort-Object -Unique | Should -Be 'Unchanged'
        }

        It 'leaves the file at -Path as it was when -WhatIf, and refuses another extension' {
            $path = Join-Path $TestDrive 'kept.csv'
            Set-Content -LiteralPath $path -Value 'kept'
            $before = (Get-Stats).jsonapiRequests
            Export-DrupalEntity node article -Path $path -WhatIf
            (Get-Stats).jsonapiRequests | Should -Be $before
            Get-Content -LiteralPath $path | Should -Be 'kept'
            { Export-DrupalEntity node article -Path (Join-Path $TestDrive 'a.xls') -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSheetFormat,*'
        }
    }

    Context 'the round trip in <Format>' -ForEach @(@{ Format = 'csv' }, @{ Format = 'xlsx' }, @{ Format = 'json' }) {
        It 'changes exactly the edited entities, creates the new row, then writes nothing the second time' {
            $path = Join-Path $TestDrive "articles.$Format"
            $null = Export-DrupalEntity node article -Path $path
            $rows = @(Read-SheetFile $path)
            $rows | Should -HaveCount 25
            $three = $rows | Where-Object { $_.id -eq (Get-Uuid 3) }
            $three.title = 'Article 3, edited in a sheet'
            $two = $rows | Where-Object { $_.id -eq (Get-Uuid 2) }
            $two.field_tags | Should -Be 'PowerShell'
            $two.field_tags = 'JSON'
            $added = [ordered]@{}
            foreach ($header in $rows[0].Keys) { $added[$header] = $null }
            $added.title = "Added in $Format"
            $added.field_tags = 'Drupal; OAuth'
            $added.'body.value' = '<p>New.</p>'
            $rows += $added
            Write-SheetFile $path $rows

            $writes = (Get-Stats).jsonapiWrites
            $results = @(Import-DrupalEntity node article -Path $path)
            $results | Should -HaveCount 26
            $results.Row | Should -Be (1..26)
            ($results | Where-Object Action -EQ Updated).Id | Sort-Object | Should -Be @((Get-Uuid 2), (Get-Uuid 3))
            ($results | Where-Object Id -EQ (Get-Uuid 3)).Changed | Should -Be 'title'
            ($results | Where-Object Id -EQ (Get-Uuid 2)).Changed | Should -Be 'field_tags'
            $created = $results | Where-Object Action -EQ Created
            $created.Row | Should -Be 26
            @($results | Where-Object Action -EQ Unchanged) | Should -HaveCount 23
            (Get-Stats).jsonapiWrites - $writes | Should -Be 3

            (Get-DrupalEntity node article -Id (Get-Uuid 3)).title | Should -Be 'Article 3, edited in a sheet'
            @((Get-DrupalEntity node article -Id (Get-Uuid 2)).field_tags) | Should -Be @(Get-TagUuid 4)
            $new = Get-DrupalEntity node article -Id $created.Id
            $new.title | Should -Be "Added in $Format"
            @($new.field_tags) | Should -Be @((Get-TagUuid 2), (Get-TagUuid 5))

            $writes = (Get-Stats).jsonapiWrites
            $again = @(Import-DrupalEntity node article -Path $path)
            $again.Action | Sort-Object -Unique | Should -Be 'Unchanged'
            $again | Should -HaveCount 26
            (Get-Stats).jsonapiWrites | Should -Be $writes
        }
    }

    Context 'memory' {
        It 'exports 20,000 rows with flat memory' {
            Set-DrupalTestServerContent -Server $Server -Articles 20000
            $path = Join-Path $TestDrive 'big.csv'
            $script = {
                param($Module, $Uri, $Path)
                $ErrorActionPreference = 'Stop'
                Import-Module $Module
                $null = Connect-DrupalApi -Uri $Uri -ClientId 'backend' -ClientSecret (ConvertTo-SecureString 'backend-secret' -AsPlainText -Force)
                # The GC heap sampled every 20 ms on a timer thread while the pages come: what the export holds at once.
                Add-Type -TypeDefinition 'public static class HeapPeak { static long peak; static System.Threading.Timer timer; public static void Start() { timer = new System.Threading.Timer(_ => { var now = System.GC.GetTotalMemory(false); if (now > peak) peak = now; }, null, 0, 20); } public static long Stop() { timer.Dispose(); return peak; } }'
                $watch = [Diagnostics.Stopwatch]::StartNew()
                [HeapPeak]::Start()
                $null = Export-DrupalEntity node article -Path $Path
                $peakHeap = [HeapPeak]::Stop()
                $process = [Diagnostics.Process]::GetCurrentProcess()
                [pscustomobject]@{
                    Seconds      = $watch.Elapsed.TotalSeconds
                    PeakWorkingSetMB = [Math]::Round($process.PeakWorkingSet64 / 1MB)
                    PeakHeapMB   = [Math]::Round($peakHeap / 1MB)
                } | ConvertTo-Json -Compress
            }
            $module = Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1'
            $child = Start-Pwsh -ArgumentList '-Command', "& { $script } '$module' '$Uri' '$path'" | Wait-Pwsh -TimeoutSec 240
            $child.ExitCode | Should -Be 0 -Because $child.Text
            $figures = $child.Output.Trim().Split("`n")[-1] | ConvertFrom-Json
            Write-Host ("    Export of 20,000 articles to CSV: {0:N0} rows/s, peak working set {1} MB, peak GC heap {2} MB" -f (20000 / $figures.Seconds), $figures.PeakWorkingSetMB, $figures.PeakHeapMB)
            $figures.PeakWorkingSetMB | Should -BeLessThan 400
            $figures.PeakHeapMB | Should -BeLessThan 200
            $lines = [IO.File]::ReadLines($path) | Measure-Object
            $lines.Count | Should -BeGreaterOrEqual 20001
        }
    }
}
