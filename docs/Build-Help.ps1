#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Turns the help in docs/ into the files Get-Help reads: <Cmdlet>.md into one MAML file, about_*.md into
    about_*.help.txt.
.DESCRIPTION
    The markdown follows platyPS's layout but holds only prose: synopsis, description, examples, the description of
    each parameter, inputs, outputs, notes and related links. What the code knows (parameter sets, types, mandatory,
    position, pipeline input, wildcards, aliases, enum values and defaults) is read from the built cmdlets, in a
    child PowerShell, so the help cannot drift from the code and this process never loads the module.
    The build fails when a page documents a parameter its cmdlet lacks, leaves out one it has, or a cmdlet has no
    page. build.ps1 runs this after laying the module out.
.EXAMPLE
    ./docs/Build-Help.ps1 -DocsPath ./docs -OutputPath ./out/DrupalOAuth/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $DocsPath,
    # The culture folder of the laid-out module; the module's manifest is in the folder above it.
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# ---- The cmdlets, as the built module defines them ----------------------------------------------------------------

function Get-CmdletMetadata([string] $ManifestPath) {
    $pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    $cmdlets = & $pwsh -NoProfile -NonInteractive -Command {
        param([string] $ManifestPath)
        $ErrorActionPreference = 'Stop'
        $module = Import-Module $ManifestPath -PassThru
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet) {
            $defaults = [Activator]::CreateInstance($command.ImplementingType)    # a new cmdlet object holds the defaults
            $sets = foreach ($set in $command.ParameterSets | Sort-Object { -not $_.IsDefault }) {
                $parameters = $set.Parameters | Where-Object Name -NotIn $common |
                    Sort-Object -Stable { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }
                [pscustomobject]@{
                    Name       = $set.Name
                    Parameters = @(foreach ($p in $parameters) {
                            # int? shows as Int32, not Nullable`1: left out, the parameter is simply not set.
                            $type = $p.ParameterType
                            if ([Nullable]::GetUnderlyingType($type)) { $type = [Nullable]::GetUnderlyingType($type) }
                            $pipeline = @(if ($p.ValueFromPipeline) { 'ByValue' }; if ($p.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
                            $default = $defaults.($p.Name)
                            [pscustomobject]@{
                                Name      = $p.Name
                                Type      = $type.Name
                                FullType  = $type.FullName
                                IsSwitch  = $type -eq [switch]
                                IsArray   = $type.IsArray
                                Values    = @(if ($type.IsEnum) { [enum]::GetNames($type) })
                                Mandatory = $p.IsMandatory
                                Position  = if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }
                                Pipeline  = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
                                Globbing  = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                                Aliases   = if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }
                                Default   = if ($type -eq [switch]) { 'False' } elseif ($null -eq $default) { 'None' } else { "$($default -join ', ')" }
                            }
                        })
                }
            }
            [pscustomobject]@{ Name = $command.Name; Verb = $command.Verb; Noun = $command.Noun; Sets = @($sets) }
        }
    } -args $ManifestPath
    if ($LASTEXITCODE) { throw "Could not read the cmdlets of $ManifestPath (see the error above)." }
    $cmdlets
}

# ---- Markdown ----------------------------------------------------------------------------------------------------

# A page as { Title; Sections = [ordered] name -> { Lines; Subsections = list of { Title; Lines } } }. Headings
# inside code blocks are code; the YAML front matter is skipped.
function Read-Markdown([string] $Path) {
    $lines = @(Get-Content -LiteralPath $Path)
    $start = 0
    if ($lines.Count -and $lines[0] -eq '---') { $start = [Array]::IndexOf($lines, '---', 1) + 1 }
    $page = [pscustomobject]@{ Title = $null; Sections = [ordered]@{} }
    $section = $null; $target = $null; $inCode = $false
    foreach ($line in $lines[$start..($lines.Count - 1)]) {
        if ($line -match '^\s*```') { $inCode = -not $inCode }
        elseif (-not $inCode -and $line -match '^(#{1,3}) (.+)$') {
            $level, $text = $Matches[1].Length, $Matches[2].Trim()
            if ($level -eq 1) { $page.Title = $text; continue }
            if ($level -eq 2) {
                $section = [pscustomobject]@{ Lines = [Collections.Generic.List[string]]::new(); Subsections = [Collections.Generic.List[object]]::new() }
                $page.Sections[$text] = $section; $target = $section.Lines; continue
            }
            if ($section) {
                $sub = [pscustomobject]@{ Title = $text; Lines = [Collections.Generic.List[string]]::new() }
                $section.Subsections.Add($sub); $target = $sub.Lines; continue
            }
        }
        if ($null -ne $target) { $target.Add($line) }
    }
    $page
}

# Inline markdown to plain text: links keep their text (and an http address), code and emphasis lose their marks.
function ConvertFrom-InlineMarkdown([string] $Text) {
    $Text = $Text -replace '\[([^\]]+)\]\((https?://[^)]+)\)', '$1 ($2)' -replace '\[([^\]]+)\]\([^)]*\)', '$1'
    $Text -replace '`([^`]+)`', '$1' -replace '\*\*([^*]+)\*\*', '$1'
}

# Blocks of text: paragraphs (soft line breaks joined), list items one a line, code blocks line by line.
function ConvertTo-Block([string[]] $Lines) {
    $blocks = [Collections.Generic.List[object]]::new()
    $current = $null
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') {
            if ($current -and $current.IsCode) { $current = $null; continue }
            $current = [pscustomobject]@{ IsCode = $true; Lines = [Collections.Generic.List[string]]::new() }
            $blocks.Add($current); continue
        }
        if ($current -and $current.IsCode) { $current.Lines.Add($line); continue }
        if (-not $line.Trim()) { $current = $null; continue }
        if (-not $current) {
            $current = [pscustomobject]@{ IsCode = $false; Lines = [Collections.Generic.List[string]]::new() }
            $blocks.Add($current)
        }
        $text = ConvertFrom-InlineMarkdown $line.Trim()
        if ($current.Lines.Count -and $line -notmatch '^\s*([-*]|\d+\.) ') { $current.Lines[$current.Lines.Count - 1] += ' ' + $text }
        else { $current.Lines.Add($text) }
    }
    $blocks
}

function Get-Prose($Lines) { (ConvertTo-Block $Lines | ForEach-Object { $_.Lines -join ' ' }) -join ' ' }

# ---- MAML --------------------------------------------------------------------------------------------------------

function Protect([string] $Text) { [Security.SecurityElement]::Escape($Text) }

# Get-Help keeps the line breaks inside a paragraph (so list items and code lines stay apart) but trims its start.
function ConvertTo-Para($Lines) {
    (ConvertTo-Block $Lines | ForEach-Object { "<maml:para>$(Protect ($_.Lines -join "`n"))</maml:para>" }) -join "`n"
}

function ConvertTo-ParameterXml($Parameter, $Lines, [switch] $InSyntax) {
    $p = $Parameter
    $values = if ($p.Values) {
        '<command:parameterValueGroup>' + (($p.Values | ForEach-Object { "<command:parameterValue required=`"false`" variableLength=`"false`">$_</command:parameterValue>" }) -join '') + '</command:parameterValueGroup>'
    }
    $value = if (-not $p.IsSwitch) { "<command:parameterValue required=`"true`" variableLength=`"$($p.IsArray.ToString().ToLower())`">$($p.Type)</command:parameterValue>" }
    elseif (-not $InSyntax) { '<command:parameterValue required="false" variableLength="false">SwitchParameter</command:parameterValue>' }
    @"
<command:parameter required="$($p.Mandatory.ToString().ToLower())" variableLength="$($p.IsArray.ToString().ToLower())" globbing="$($p.Globbing.ToString().ToLower())" pipelineInput="$($p.Pipeline)" position="$($p.Position)" aliases="$($p.Aliases)">
<maml:name>$($p.Name)</maml:name>
<maml:description>$(ConvertTo-Para $Lines)</maml:description>
$values$value
<dev:type><maml:name>$($p.FullType)</maml:name><maml:uri /></dev:type>
<dev:defaultValue>$(Protect $p.Default)</dev:defaultValue>
</command:parameter>
"@
}

# One parameter as the PARAMETERS section shows it: mandatory only if it is in every set, the first position.
function Merge-Parameter($Entries) {
    $merged = $Entries[0].psobject.Copy()
    $merged.Mandatory = -not ($Entries.Mandatory -contains $false)
    $merged.Position = @($Entries.Position | Where-Object { $_ -ne 'named' }) + 'named' | Select-Object -First 1
    $merged.Pipeline = @($Entries.Pipeline | Where-Object { $_ -ne 'False' }) + 'False' | Select-Object -First 1
    $merged
}

function ConvertTo-TypeXml([string] $Element, $Section) {
    if (-not $Section) { return '' }
    ($Section.Subsections | ForEach-Object {
            "<command:$Element><dev:type><maml:name>$(Protect $_.Title)</maml:name></dev:type><maml:description>$(ConvertTo-Para $_.Lines)</maml:description></command:$Element>"
        }) -join "`n"
}

function ConvertTo-CommandXml($Page, $Cmdlet) {
    $s = $Page.Sections
    $documented = [ordered]@{}
    foreach ($sub in $s['PARAMETERS'].Subsections) { $documented[$sub.Title.TrimStart('-')] = $sub.Lines }
    $syntax = foreach ($set in $Cmdlet.Sets) {
        "<command:syntaxItem><maml:name>$($Cmdlet.Name)</maml:name>`n" + (($set.Parameters | ForEach-Object { ConvertTo-ParameterXml $_ $documented[$_.Name] -InSyntax }) -join "`n") + '</command:syntaxItem>'
    }
    $all = $Cmdlet.Sets.Parameters | Group-Object Name -AsHashTable
    $parameters = foreach ($name in $documented.Keys) { ConvertTo-ParameterXml (Merge-Parameter $all[$name]) $documented[$name] }
    $number = 0
    $examples = foreach ($example in $s['EXAMPLES'].Subsections) {
        $code = [Collections.Generic.List[string]]::new(); $remarks = [Collections.Generic.List[string]]::new(); $state = 'before'
        foreach ($line in $example.Lines) {
            if ($state -ne 'after' -and $line -match '^\s*```') { $state = if ($state -eq 'before') { 'code' } else { 'after' }; continue }
            if ($state -eq 'code') { $code.Add($line) } elseif ($state -eq 'after') { $remarks.Add($line) }
        }
        $title = $example.Title -replace '^Example \d+:?\s*', ''
        $number++
        "<command:example><maml:title>-------------------------- Example ${number}: $(Protect $title) --------------------------</maml:title>" +
        "<dev:code>$(Protect ($code -join "`n"))</dev:code><dev:remarks>$(ConvertTo-Para $remarks)<maml:para /></dev:remarks></command:example>"    # the empty para: a blank line before the next example
    }
    $links = foreach ($line in $(if ($s['RELATED LINKS']) { $s['RELATED LINKS'].Lines })) {
        if ($line -match '^\s*\[([^\]]+)\]\(([^)]*)\)') {
            $text, $target = $Matches[1], $Matches[2]
            $uri = if ($target -match '^https?://') { $target } else { '' }    # links to other pages: the name is enough
            "<maml:navigationLink><maml:linkText>$(Protect $text)</maml:linkText><maml:uri>$(Protect $uri)</maml:uri></maml:navigationLink>"
        }
    }
    @"
<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10" xmlns:MSHelp="http://msdn.microsoft.com/mshelp">
<command:details>
<command:name>$($Cmdlet.Name)</command:name>
<command:verb>$($Cmdlet.Verb)</command:verb>
<command:noun>$($Cmdlet.Noun)</command:noun>
<maml:description>$(ConvertTo-Para $s['SYNOPSIS'].Lines)</maml:description>
</command:details>
<maml:description>$(ConvertTo-Para $s['DESCRIPTION'].Lines)</maml:description>
<command:syntax>
$($syntax -join "`n")
</command:syntax>
<command:parameters>
$($parameters -join "`n")
</command:parameters>
<command:inputTypes>
$(ConvertTo-TypeXml 'inputType' $s['INPUTS'])
</command:inputTypes>
<command:returnValues>
$(ConvertTo-TypeXml 'returnValue' $s['OUTPUTS'])
</command:returnValues>
<maml:alertSet><maml:alert>$(if ($s['NOTES']) { ConvertTo-Para $s['NOTES'].Lines })</maml:alert></maml:alertSet>
<command:examples>
$($examples -join "`n")
</command:examples>
<command:relatedLinks>
$($links -join "`n")
</command:relatedLinks>
</command:command>
"@
}

# What keeps the prose and the code together; every problem is listed before the build fails.
function Test-Page($Page, $Cmdlet, [string] $File) {
    foreach ($name in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS') {
        if (-not $Page.Sections.Contains($name)) { "${File}: the section '## $name' is missing." }
    }
    foreach ($name in 'SYNOPSIS', 'DESCRIPTION' | Where-Object { $Page.Sections.Contains($_) }) {
        if (-not (Get-Prose $Page.Sections[$name].Lines)) { "${File}: the section '## $name' is empty." }
    }
    if ($Page.Sections.Contains('EXAMPLES')) {
        foreach ($example in $Page.Sections['EXAMPLES'].Subsections | Where-Object { -not ($_.Lines -match '^\s*```') }) {
            "${File}: '### $($example.Title)' has no code block."
        }
    }
    if (-not $Page.Sections.Contains('PARAMETERS')) { return }
    $has = @($Cmdlet.Sets.Parameters.Name | Sort-Object -Unique)
    $documented = @($Page.Sections['PARAMETERS'].Subsections | ForEach-Object { $_.Title.TrimStart('-') })
    foreach ($name in $documented | Where-Object { $_ -notin $has }) { "${File}: documents -$name, which $($Cmdlet.Name) does not have." }
    foreach ($name in $has | Where-Object { $_ -notin $documented }) { "${File}: $($Cmdlet.Name) has -$name, which is not documented (add '### -$name' under '## PARAMETERS')." }
    foreach ($sub in $Page.Sections['PARAMETERS'].Subsections | Where-Object { -not (Get-Prose $_.Lines) }) { "${File}: $($sub.Title) has no description." }
}

# ---- about_ topics: the classic text layout (TOPIC, SHORT DESCRIPTION, ...), wrapped at 80 columns -----------------

function Format-Wrapped([string] $Text, [int] $Indent, [int] $Hanging = $Indent, [int] $Width = 80) {
    $line = ' ' * $Indent
    foreach ($word in $Text -split ' ' | Where-Object { $_ }) {
        if ($line.Trim() -and $line.Length + 1 + $word.Length -gt $Width) { $line.TrimEnd(); $line = ' ' * $Hanging }
        $line += $(if ($line.Trim()) { ' ' } else { '' }) + $word
    }
    $line.TrimEnd()
}

function ConvertTo-AboutText([string] $Path) {
    $page = Read-Markdown $Path
    $out = [Collections.Generic.List[string]]::new()
    $out.Add('TOPIC'); $out.Add("    $($page.Title)"); $out.Add('')
    foreach ($heading in $page.Sections.Keys) {
        $section = $page.Sections[$heading]
        $out.Add($heading.ToUpperInvariant())
        $parts = @([pscustomobject]@{ Title = $null; Lines = $section.Lines }) + $section.Subsections
        foreach ($part in $parts) {
            if ($part.Title) { $out.Add('  ' + $part.Title.ToUpperInvariant()) }
            foreach ($block in ConvertTo-Block $part.Lines) {
                foreach ($line in $block.Lines) {
                    if ($block.IsCode) { $out.Add(("        $line").TrimEnd()) }
                    elseif ($line -match '^([-*]|\d+\.) ') { Format-Wrapped $line 4 ($Matches[0].Length + 4) | ForEach-Object { $out.Add($_) } }
                    else { Format-Wrapped $line 4 | ForEach-Object { $out.Add($_) } }
                }
                $out.Add('')
            }
        }
        if ($out[$out.Count - 1]) { $out.Add('') }
    }
    ($out -join [Environment]::NewLine).TrimEnd() + [Environment]::NewLine
}

# ---- The build ---------------------------------------------------------------------------------------------------

$moduleFolder = Split-Path -Parent ([IO.Path]::GetFullPath($OutputPath))
$manifestPath = @(Get-ChildItem -Path $moduleFolder -Filter '*.psd1')[0].FullName
$rootModule = (Import-PowerShellDataFile $manifestPath).RootModule
$cmdlets = @(Get-CmdletMetadata $manifestPath)
$pages = @(Get-ChildItem -Path $DocsPath -Filter '*.md' | Where-Object Name -NotLike 'about_*')

$problems = [Collections.Generic.List[string]]::new()
$commands = foreach ($file in $pages) {
    $page = Read-Markdown $file.FullName
    $cmdlet = $cmdlets | Where-Object Name -EQ $file.BaseName
    if (-not $cmdlet) { $problems.Add("$($file.Name): the module has no cmdlet $($file.BaseName)."); continue }
    if ($page.Title -ne $cmdlet.Name) { $problems.Add("$($file.Name): the title must be '# $($cmdlet.Name)'.") }
    $found = @(Test-Page $page $cmdlet $file.Name)
    if ($found) { $problems.AddRange([string[]]$found); continue }
    ConvertTo-CommandXml $page $cmdlet
}
foreach ($cmdlet in $cmdlets | Where-Object { $_.Name -notin $pages.BaseName }) {
    $problems.Add("$($cmdlet.Name) has no help page: add $(Join-Path $DocsPath "$($cmdlet.Name).md").")
}
if ($problems.Count) {
    $problems | ForEach-Object { Write-Host "  $_" -ForegroundColor Red }
    throw "The help in $DocsPath does not match the cmdlets: $($problems.Count) problems, listed above."
}

$maml = "<?xml version=`"1.0`" encoding=`"utf-8`"?>`n<helpItems schema=`"maml`" xmlns=`"http://msh`">`n$($commands -join "`n")`n</helpItems>`n"
$null = [xml] $maml    # well-formed, or the build stops here
$null = New-Item -ItemType Directory -Force -Path $OutputPath
$utf8 = [Text.UTF8Encoding]::new($true)    # with a BOM, which Windows PowerShell 5.1 needs to read UTF-8
[IO.File]::WriteAllText((Join-Path $OutputPath "$rootModule-Help.xml"), $maml, $utf8)
foreach ($about in Get-ChildItem -Path $DocsPath -Filter 'about_*.md') {
    [IO.File]::WriteAllText((Join-Path $OutputPath "$($about.BaseName).help.txt"), (ConvertTo-AboutText $about.FullName), $utf8)
}
Write-Host "Help for $($cmdlets.Count) cmdlets and $(@(Get-ChildItem $DocsPath -Filter 'about_*.md').Count) about topics written to $OutputPath"
