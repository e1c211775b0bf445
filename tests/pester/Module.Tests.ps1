Describe 'The built module' {
    BeforeAll {
        $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $moduleFolder = Join-Path $root 'out/DrupalOAuth'
        $manifest = Test-ModuleManifest -Path (Join-Path $moduleFolder 'DrupalOAuth.psd1')
        $cmdlets = 'Compare-DrupalContent', 'Connect-DrupalApi', 'Disconnect-DrupalApi', 'Export-DrupalContent', 'Export-DrupalEntity', 'Get-DrupalConnection', 'Get-DrupalEntity', 'Get-DrupalToken', 'Import-DrupalContent', 'Import-DrupalEntity', 'Invoke-DrupalGraphQL', 'Invoke-DrupalRequest', 'New-DrupalEntity', 'New-DrupalFile', 'Remove-DrupalEntity', 'Set-DrupalEntity', 'Test-DrupalConnection'
    }

    It 'runs on Windows PowerShell 5.1 and PowerShell 7' {
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
    }

    It 'carries the version of Directory.Build.props' {
        $version = ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.VersionPrefix | Where-Object { $_ }
        $manifest.Version | Should -Be $version
    }

    It 'lists every cmdlet by name' {
        $manifest.ExportedCmdlets.Keys | Sort-Object | Should -Be ($cmdlets | Sort-Object)
    }

    It 'ships the cmdlets and the types scripts name at its root, the engine and its dependencies in Dependencies/, and nothing else' {
        (Get-ChildItem $moduleFolder -File).Name | Sort-Object |
            Should -Be @('DrupalOAuth.Contracts.dll', 'DrupalOAuth.Format.ps1xml', 'DrupalOAuth.PowerShell.dll', 'DrupalOAuth.psd1')
        (Get-ChildItem $moduleFolder -Directory).Name | Sort-Object | Should -Be @('Dependencies', 'en-US')
        $dependencies = (Get-ChildItem (Join-Path $moduleFolder 'Dependencies') -File).Name
        $dependencies | Should -Contain 'DrupalOAuth.Engine.dll'
        $dependencies | Should -Contain 'System.Text.Json.dll'
        $dependencies | Should -Contain 'Microsoft.Extensions.Caching.Memory.dll'
        $files = (Get-ChildItem $moduleFolder -Recurse -File).Name
        $files | Should -Not -Contain 'System.Management.Automation.dll'
        $files | Should -Not -Contain 'System.Runtime.Loader.dll'
        $files | Where-Object { $_ -match 'Test|xunit|Pester|Decoy|\.pdb$|\.deps\.json$' } | Should -BeNullOrEmpty
    }

    It 'imports from any folder' {
        # A new process of the PowerShell running these tests, started in another folder.
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        Push-Location ([IO.Path]::GetTempPath())
        try { $output = & $pwsh -NoProfile -NonInteractive -Command "Import-Module '$moduleFolder/DrupalOAuth.psd1'; (Get-Command -Module DrupalOAuth).Name -join ','" 2>&1 }
        finally { Pop-Location }
        ($output -split ',') | Sort-Object | Should -Be ($cmdlets | Sort-Object)
    }

    It 'forgets every connection when removed' {
        Import-Module (Join-Path $moduleFolder 'DrupalOAuth.psd1') -Force
        Remove-Module DrupalOAuth
        Import-Module (Join-Path $moduleFolder 'DrupalOAuth.psd1') -Force
        Get-DrupalConnection | Should -BeNullOrEmpty
    }
}
