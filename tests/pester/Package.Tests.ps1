# The manifest as the PowerShell Gallery reads it, `./build.ps1 -Task Package` (the .nupkg and the Azure Automation
# zip), and the package installed with Install-PSResource and with Install-Module from a local file repository,
# then imported by name in a new process. Every pwsh that installs or registers anything runs with a home of its own
# (New-FakeHome), so on Linux and macOS the real CurrentUser modules and repository lists are never touched. (On
# Windows, where no environment variable moves them, the installs are skipped, and the publish step's repository,
# registered for a moment, goes to the user's own list and is removed again.)
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'ChildProcess.ps1')
    $moduleFolder = Join-Path $RepoRoot 'out/DrupalOAuth'
    $version = ([xml](Get-Content -Raw (Join-Path $RepoRoot 'Directory.Build.props'))).Project.PropertyGroup.VersionPrefix | Where-Object { $_ }

    # The newest section of CHANGELOG.md: its heading and its text.
    $sections = (Get-Content -Raw (Join-Path $RepoRoot 'CHANGELOG.md')) -replace "`r`n", "`n" -split '(?m)^## '
    $newestHeading, $newestText = $sections[1] -split "`n", 2
    $newestText = $newestText.Trim()
}
AfterAll { Stop-DrupalTestServer -Server $Server }

Describe 'The manifest' {
    BeforeAll {
        $manifest = Test-ModuleManifest -Path (Join-Path $moduleFolder 'DrupalOAuth.psd1') -ErrorAction Stop
        $psData = (Import-PowerShellDataFile (Join-Path $moduleFolder 'DrupalOAuth.psd1')).PrivateData.PSData
    }

    It 'carries what the gallery shows: description, author, license, no invented project page' {
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.Author | Should -Not -BeNullOrEmpty
        $manifest.LicenseUri | Should -Be 'https://opensource.org/licenses/MIT'
        $manifest.ProjectUri | Should -BeNullOrEmpty
        $psData.Keys | Should -Not -Contain 'ProjectUri'
    }

    It 'has single-word tags, with the editions and platforms the module runs on' {
        $manifest.Tags | Where-Object { $_ -notmatch '^[A-Za-z0-9_.-]+$' } | Should -BeNullOrEmpty
        foreach ($tag in 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS', 'Drupal') {
            $manifest.Tags | Should -Contain $tag
        }
    }

    It 'takes its release notes from the newest section of CHANGELOG.md' {
        $newestHeading | Should -Match "^\[(Unreleased|$([regex]::Escape($version)))\]"
        $newestText | Should -Not -BeNullOrEmpty
        ($manifest.ReleaseNotes -replace "`r`n", "`n") | Should -BeExactly $newestText
    }

    It 'is plain ASCII, as Windows PowerShell 5.1 reads a manifest without a byte order mark' {
        [IO.File]::ReadAllBytes((Join-Path $moduleFolder 'DrupalOAuth.psd1')) | Where-Object { $_ -gt 127 } | Should -BeNullOrEmpty
    }

    It 'keeps CHANGELOG.md in the Keep a Changelog shape' {
        $changelog = Get-Content (Join-Path $RepoRoot 'CHANGELOG.md')
        $changelog[0] | Should -Be '# Changelog'
        $changelog -match '^## ' | Where-Object { $_ -notmatch '^## \[(Unreleased|\d+\.\d+\.\d+[^\]]*)\]( - (\d{4}-\d{2}-\d{2}|Unreleased))?$' } | Should -BeNullOrEmpty
        $changelog -match '^### ' | Where-Object { $_ -notmatch '^### (Added|Changed|Deprecated|Removed|Fixed|Security)$' } | Should -BeNullOrEmpty
    }

    It 'exports exactly the cmdlets that the cmdlet assembly defines, listed by name' {
        $source = Import-PowerShellDataFile (Join-Path $RepoRoot 'DrupalOAuth.psd1')
        $source.CmdletsToExport | Where-Object { $_ -match '[*?]' } | Should -BeNullOrEmpty
        $assembly = (Get-Command Connect-DrupalApi).ImplementingType.Assembly
        $defined = foreach ($type in $assembly.GetExportedTypes()) {
            $attribute = [Attribute]::GetCustomAttribute($type, [System.Management.Automation.CmdletAttribute])
            if ($attribute -and -not $type.IsAbstract) { "$($attribute.VerbName)-$($attribute.NounName)" }
        }
        $defined | Should -Not -BeNullOrEmpty
        $source.CmdletsToExport | Sort-Object | Should -Be ($defined | Sort-Object)
        $manifest.ExportedCmdlets.Keys | Sort-Object | Should -Be ($defined | Sort-Object)
    }
}

Describe 'build.ps1 -Task Package' {
    BeforeAll {
        # The packages come from the build script itself, in a pwsh with a home of its own (Compress-PSResource and
        # Publish-PSResource keep a repository list there); then the .nupkg goes to a local file repository.
        $repository = (New-Item -ItemType Directory (Join-Path $TestDrive 'repository')).FullName
        $publish = Join-Path $TestDrive 'Publish.ps1'
        Set-Content $publish @'
param([string] $BuildScript, [string] $Repository)
$ErrorActionPreference = 'Stop'
& $BuildScript -Task Package -NoBuild
$nupkg = Get-ChildItem (Join-Path (Split-Path $BuildScript) 'out/packages') -Filter 'DrupalOAuth.*.nupkg'
Register-PSResourceRepository -Name DrupalOAuthTestPublish -Uri $Repository -Trusted
try { Publish-PSResource -NupkgPath $nupkg.FullName -Repository DrupalOAuthTestPublish }
finally { Unregister-PSResourceRepository -Name DrupalOAuthTestPublish }
'@
        $started = [DateTime]::UtcNow.AddSeconds(-1)
        $packaging = Start-Pwsh -ArgumentList '-File', $publish, (Join-Path $RepoRoot 'build.ps1'), $repository `
            -Environment (New-FakeHome (Join-Path $TestDrive 'home-publish')) -WorkingDirectory $TestDrive | Wait-Pwsh
        $packages = Join-Path $RepoRoot 'out/packages'
        $nupkgPath = Join-Path $packages "DrupalOAuth.$version.nupkg"
        $zipPath = Join-Path $packages 'DrupalOAuth.zip'

        Add-Type -AssemblyName System.IO.Compression.FileSystem
        function Get-ZipEntry([string] $Path) {
            $archive = [IO.Compression.ZipFile]::OpenRead($Path)
            try { @($archive.Entries | ForEach-Object { [pscustomobject]@{ FullName = $_.FullName; Length = $_.Length } }) }
            finally { $archive.Dispose() }
        }
        function Read-ZipText([string] $Path, [string] $EntryName) {
            $archive = [IO.Compression.ZipFile]::OpenRead($Path)
            try {
                $reader = [IO.StreamReader]::new($archive.GetEntry($EntryName).Open())
                try { $reader.ReadToEnd() } finally { $reader.Dispose() }
            }
            finally { $archive.Dispose() }
        }
        # The module's files, relative to its folder, with forward slashes.
        $moduleFiles = Get-ChildItem $moduleFolder -Recurse -File |
            ForEach-Object { [IO.Path]::GetRelativePath($moduleFolder, $_.FullName) -replace '\\', '/' } | Sort-Object
    }

    It 'writes out/packages/DrupalOAuth.<version>.nupkg and out/packages/DrupalOAuth.zip' {
        $packaging.ExitCode | Should -Be 0 -Because $packaging.Text
        (Get-Item $nupkgPath).LastWriteTimeUtc | Should -BeGreaterThan $started
        (Get-Item $zipPath).LastWriteTimeUtc | Should -BeGreaterThan $started
        @(Get-ChildItem $repository).Name | Should -Be "DrupalOAuth.$version.nupkg"
    }

    It 'puts the module files and the gallery metadata into the .nupkg' {
        $entries = (Get-ZipEntry $nupkgPath).FullName
        $entries | Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|DrupalOAuth\.nuspec$)' } | Sort-Object |
            Should -Be $moduleFiles
        $nuspec = ([xml](Read-ZipText $nupkgPath 'DrupalOAuth.nuspec')).package.metadata
        $nuspec.id | Should -Be 'DrupalOAuth'
        $nuspec.version | Should -Be $version
        $nuspec.licenseUrl | Should -Be 'https://opensource.org/licenses/MIT'
        $nuspec.PSObject.Properties.Name | Should -Not -Contain 'projectUrl'
        ($nuspec.releaseNotes -replace "`r`n", "`n") | Should -BeExactly $newestText
        -split $nuspec.tags | Should -Contain 'PSEdition_Core'
        -split $nuspec.tags | Should -Contain 'MacOS'
    }

    It 'lays the Azure Automation zip out as the module folder, manifest at its root, every path under 140 characters' {
        $entries = Get-ZipEntry $zipPath
        $entries.FullName | Where-Object { $_ -notlike 'DrupalOAuth/*' } | Should -BeNullOrEmpty
        $entries.FullName | Should -Contain 'DrupalOAuth/DrupalOAuth.psd1'
        $entries.FullName | Where-Object { $_ -match '\\' } | Should -BeNullOrEmpty
        $entries.FullName | Where-Object { $_.Length -ge 140 } | Should -BeNullOrEmpty
        $entries | Where-Object Length -gt 0 | ForEach-Object { $_.FullName.Substring('DrupalOAuth/'.Length) } | Sort-Object |
            Should -Be $moduleFiles
    }

    It 'unpacks from the zip into a module that passes Test-ModuleManifest' {
        $unpacked = Join-Path $TestDrive 'unzipped'
        [IO.Compression.ZipFile]::ExtractToDirectory($zipPath, $unpacked)
        (Test-ModuleManifest (Join-Path $unpacked 'DrupalOAuth/DrupalOAuth.psd1') -ErrorAction Stop).Version | Should -Be $version
    }
}

# CurrentUser is a folder under the home on Linux and macOS, so a process with a home of its own installs there. On
# Windows it is the Documents folder, which no environment variable moves: a real install would touch the user's own.
Describe 'Installing the package from a local repository' -Skip:$IsWindows {
    BeforeAll {
        $installScripts = [ordered]@{
            'Install-PSResource' = @'
param([string] $Repository)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name DrupalOAuthTest -Uri $Repository -Trusted
try {
    Install-PSResource -Name DrupalOAuth -Repository DrupalOAuthTest -Scope CurrentUser -TrustRepository -Quiet
    $installed = Get-InstalledPSResource -Name DrupalOAuth -Scope CurrentUser
}
finally { Unregister-PSResourceRepository -Name DrupalOAuthTest }
[pscustomobject]@{ Version = "$($installed.Version)"; Path = $installed.InstalledLocation; Repositories = @((Get-PSResourceRepository).Name) } | ConvertTo-Json -Compress
'@
            'Install-Module'     = @'
param([string] $Repository)
$ErrorActionPreference = 'Stop'
Register-PSRepository -Name DrupalOAuthTest -SourceLocation $Repository -InstallationPolicy Trusted
try {
    Install-Module -Name DrupalOAuth -Repository DrupalOAuthTest -Scope CurrentUser
    $installed = Get-InstalledModule -Name DrupalOAuth
}
finally { Unregister-PSRepository -Name DrupalOAuthTest }
[pscustomobject]@{ Version = "$($installed.Version)"; Path = $installed.InstalledLocation; Repositories = @((Get-PSRepository -WarningAction SilentlyContinue).Name) } | ConvertTo-Json -Compress
'@
        }
        # Imports the module by name and asks the test server for the article titles through GraphQL.
        $useScript = Join-Path $TestDrive 'Use.ps1'
        Set-Content $useScript @'
param([string] $Uri)
$ErrorActionPreference = 'Stop'
Import-Module DrupalOAuth
Connect-DrupalApi -Uri $Uri -ClientId backend -ClientSecret (ConvertTo-SecureString 'backend-secret' -AsPlainText -Force)
$titles = Invoke-DrupalGraphQL -Query '{ nodeQuery(limit: 3) { entities { ... on NodeArticle { title } } } }' -ExpandPath nodeQuery.entities
[pscustomobject]@{ ModuleBase = (Get-Module DrupalOAuth).ModuleBase; Titles = @($titles.title) } | ConvertTo-Json -Compress
'@

        # The real user's repository lists and CurrentUser module folder, to show they stay as they were.
        function Get-RealUserState {
            $files = @(
                Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'PSResourceGet/PSResourceRepository.xml'
                Join-Path ([System.Management.Automation.Platform]::SelectProductNameForDirectory('CACHE')) 'PowerShellGet/PSRepositories.xml'
            )
            $modules = Join-Path ([System.Management.Automation.Platform]::SelectProductNameForDirectory('USER_MODULES')) 'DrupalOAuth'
            @($files | ForEach-Object { "$_=$(if (Test-Path $_) { (Get-FileHash $_).Hash })" }) + "$modules=$(Test-Path $modules)"
        }
        $realBefore = Get-RealUserState

        # The package of the test above, in a repository of its own; both installs run side by side.
        $repository = (New-Item -ItemType Directory (Join-Path $TestDrive 'install-repository')).FullName
        Copy-Item (Join-Path $RepoRoot "out/packages/DrupalOAuth.$version.nupkg") $repository
        $installs = @{}
        $homes = @{}
        $running = foreach ($command in $installScripts.Keys) {
            $script = Join-Path $TestDrive "$command.ps1"
            Set-Content $script $installScripts[$command]
            $homes[$command] = New-FakeHome (Join-Path $TestDrive "home-$command")
            @{ Command = $command; Child = Start-Pwsh -ArgumentList '-File', $script, $repository -Environment $homes[$command] }
        }
        $uses = @{}
        foreach ($run in $running) {
            $installs[$run.Command] = $run.Child | Wait-Pwsh
            # A new process of the same user imports the installed module by name.
            $uses[$run.Command] = Start-Pwsh -ArgumentList '-File', $useScript, $Uri -Environment $homes[$run.Command]
        }
        foreach ($command in @($uses.Keys)) { $uses[$command] = $uses[$command] | Wait-Pwsh }
        $realAfter = Get-RealUserState
    }

    It 'installs for the current user with <_>, and unregisters its repository' -ForEach 'Install-PSResource', 'Install-Module' {
        $install = $installs[$_]
        $install.ExitCode | Should -Be 0 -Because $install.Text
        $result = ($install.Output -split "`n" | Where-Object { $_ -like '{*' } | Select-Object -Last 1) | ConvertFrom-Json
        $result.Version | Should -Be $version
        $result.Path | Should -BeLike "$($homes[$_].HOME)*"
        $result.Repositories | Should -Not -Contain 'DrupalOAuthTest'
    }

    It 'imports by name in a new process after <_> and runs a GraphQL query' -ForEach 'Install-PSResource', 'Install-Module' {
        $use = $uses[$_]
        $use.ExitCode | Should -Be 0 -Because $use.Text
        $result = ($use.Output -split "`n" | Where-Object { $_ -like '{*' } | Select-Object -Last 1) | ConvertFrom-Json
        $result.ModuleBase | Should -Be (Join-Path $homes[$_].XDG_DATA_HOME "powershell/Modules/DrupalOAuth/$version")
        $result.Titles | Should -Be 'Article 1', 'Article 2', 'Article 3'
    }

    It "leaves the real user's repositories and modules as they were" {
        $realAfter | Should -Be $realBefore
    }
}
