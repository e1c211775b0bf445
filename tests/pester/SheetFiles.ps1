# Dot-sourced by the Export- and Import-DrupalEntity tests: reading and editing the sheet files the module writes
# as a person would in Excel, without the module (its own reader would prove nothing) and without ImportExcel.
Add-Type -AssemblyName System.IO.Compression

# The rows of a .csv, .json or .xlsx file as ordered hashtables of text (header => cell), for editing.
function Read-SheetFile([string] $Path) {
    switch ([IO.Path]::GetExtension($Path)) {
        '.csv' {
            foreach ($row in Import-Csv -LiteralPath $Path -Encoding utf8) {
                $cells = [ordered]@{}
                foreach ($property in $row.PSObject.Properties) { $cells[$property.Name] = $property.Value }
                $cells
            }
        }
        '.json' {
            # JsonNode keeps dates as the text they are (ConvertFrom-Json would turn them into local DateTimes).
            foreach ($node in [System.Text.Json.Nodes.JsonNode]::Parse([IO.File]::ReadAllText($Path))) {
                $cells = [ordered]@{}
                foreach ($member in $node.GetEnumerator()) {
                    # Strings as text, to edit; numbers and booleans as their nodes, written back as they were.
                    $cells[$member.Key] = if ($null -eq $member.Value) { $null }
                    elseif ($member.Value.GetValueKind() -eq 'String') { $member.Value.GetValue[string]() }
                    else { $member.Value }
                }
                $cells
            }
        }
        '.xlsx' { Read-Xlsx $Path }
    }
}

# Writes rows (hashtables of header => cell, headers from the first) to a file of the same kind, as a person saving
# the sheet would: CSV through Export-Csv with a byte-order mark, JSON as an array of objects, xlsx by editing the
# worksheet's XML in place (Set-XlsxRows), so that what the module wrote stays as it was.
function Write-SheetFile([string] $Path, [object[]] $Rows) {
    switch ([IO.Path]::GetExtension($Path)) {
        '.csv' { $Rows | ForEach-Object { [pscustomobject] $_ } | Export-Csv -LiteralPath $Path -Encoding utf8BOM -UseQuotes AsNeeded }
        '.json' {
            $array = [System.Text.Json.Nodes.JsonArray]::new()
            foreach ($row in $Rows) {
                $object = [System.Text.Json.Nodes.JsonObject]::new()
                foreach ($name in $row.Keys) {
                    $value = $row[$name]
                    $object[$name] = if ($null -eq $value) { $null }
                    elseif ($value -is [System.Text.Json.Nodes.JsonNode]) { $value.DeepClone() }
                    elseif ($value -is [bool]) { [System.Text.Json.Nodes.JsonValue]::Create([bool] $value) }
                    else { [System.Text.Json.Nodes.JsonValue]::Create([string] $value) }
                }
                $array.Add($object)
            }
            [IO.File]::WriteAllText($Path, $array.ToJsonString())
        }
        '.xlsx' { Set-XlsxRows $Path $Rows }
    }
}

function Open-XlsxPart([IO.Compression.ZipArchive] $Zip, [string] $Name) {
    $entry = $Zip.GetEntry($Name)
    if (-not $entry) { return $null }
    $reader = [IO.StreamReader]::new($entry.Open())
    try { [xml] $reader.ReadToEnd() } finally { $reader.Dispose() }
}

function Get-XlsxSheetName([IO.Compression.ZipArchive] $Zip) {
    ($Zip.Entries | Where-Object FullName -Like 'xl/worksheets/sheet*.xml' | Sort-Object FullName | Select-Object -First 1).FullName
}

# A cell's value as text: shared strings, inline strings, formula strings, numbers and booleans as written.
function Get-XlsxCellText($Cell, $SharedStrings) {
    switch ($Cell.GetAttribute('t')) {
        's' { $SharedStrings[[int] $Cell.v].InnerText }
        'inlineStr' { $Cell.is.InnerText }
        default { if ($Cell.v -is [System.Xml.XmlElement]) { $Cell.v.InnerText } else { $Cell.v } }
    }
}

function Get-XlsxColumn([string] $Reference) { $Reference -replace '\d', '' }

function Read-Xlsx([string] $Path) {
    $zip = [IO.Compression.ZipFile]::OpenRead($Path)
    try {
        $sheet = Open-XlsxPart $zip (Get-XlsxSheetName $zip)
        $strings = (Open-XlsxPart $zip 'xl/sharedStrings.xml')
        $shared = if ($strings) { @($strings.sst.si) } else { @() }
        $rows = @($sheet.worksheet.sheetData.row)
        $headers = @{}
        foreach ($cell in $rows[0].c) { $headers[(Get-XlsxColumn $cell.r)] = Get-XlsxCellText $cell $shared }
        foreach ($row in $rows | Select-Object -Skip 1) {
            $cells = [ordered]@{}
            foreach ($column in $headers.Keys | Sort-Object { $_.Length }, { $_ }) { $cells[$headers[$column]] = $null }
            foreach ($cell in $row.c) { $cells[$headers[(Get-XlsxColumn $cell.r)]] = Get-XlsxCellText $cell $shared }
            $cells
        }
    }
    finally { $zip.Dispose() }
}

# Rewrites the worksheet's data rows: a cell whose text changed becomes an inline string (as Excel keeps a typed
# edit), a row past the last is a copy of the last row's layout with new cells; the header and the rest stay.
function Set-XlsxRows([string] $Path, [object[]] $Rows) {
    $zip = [IO.Compression.ZipFile]::Open($Path, 'Update')
    try {
        $name = Get-XlsxSheetName $zip
        $sheet = Open-XlsxPart $zip $name
        $strings = (Open-XlsxPart $zip 'xl/sharedStrings.xml')
        $shared = if ($strings) { @($strings.sst.si) } else { @() }
        $namespace = $sheet.worksheet.NamespaceURI
        $data = $sheet.worksheet.sheetData
        $existing = @($data.row)
        $columns = @{}
        foreach ($cell in $existing[0].c) { $columns[(Get-XlsxCellText $cell $shared)] = Get-XlsxColumn $cell.r }
        for ($i = 0; $i -lt $Rows.Count; $i++) {
            $number = $i + 2
            $row = if ($i + 1 -lt $existing.Count) { $existing[$i + 1] } else {
                $new = $sheet.CreateElement('row', $namespace)
                $new.SetAttribute('r', "$number")
                $null = $data.AppendChild($new)
                $new
            }
            foreach ($header in $Rows[$i].Keys) {
                $text = if ($null -eq $Rows[$i][$header]) { '' } else { [string] $Rows[$i][$header] }
                $reference = "$($columns[$header])$number"
                $cell = @($row.c) | Where-Object { $_ -and $_.r -eq $reference } | Select-Object -First 1
                if ($cell -and (Get-XlsxCellText $cell $shared) -eq $text) { continue }
                if (-not $cell) {
                    $cell = $sheet.CreateElement('c', $namespace)
                    $cell.SetAttribute('r', $reference)
                    $following = @($row.c) | Where-Object { $_ -and ($_.r.Length -gt $reference.Length -or ($_.r.Length -eq $reference.Length -and $_.r -gt $reference)) } | Select-Object -First 1
                    if ($following) { $null = $row.InsertBefore($cell, $following) } else { $null = $row.AppendChild($cell) }
                }
                $cell.RemoveAll()
                $cell.SetAttribute('r', $reference)
                if ($text -ne '') {
                    $cell.SetAttribute('t', 'inlineStr')
                    $inline = $sheet.CreateElement('is', $namespace)
                    $t = $sheet.CreateElement('t', $namespace)
                    $t.InnerText = $text
                    $null = $inline.AppendChild($t)
                    $null = $cell.AppendChild($inline)
                }
            }
        }
        # A dimension or filter range that no longer covers the rows is what Excel fixes on save; readers ignore it.
        $zip.GetEntry($name).Delete()
        $writer = [IO.StreamWriter]::new($zip.CreateEntry($name).Open(), [Text.UTF8Encoding]::new($false))
        try { $sheet.Save($writer) } finally { $writer.Dispose() }
    }
    finally { $zip.Dispose() }
}
