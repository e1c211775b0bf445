# DrupalOAuth among other modules: decoys that ship older and newer Microsoft.Extensions.Caching.Memory and
# System.Text.Json (tests/decoys, built here) are imported before and after it in fresh processes, and both keep
# working, each with its own versions. Without the engine's own load context, a decoy imported first breaks
# DrupalOAuth ("could not load ... Microsoft.Extensions.Caching.Memory"), and one imported after it breaks itself.
# (Built for the running .NET: on .NET 8, PowerShell 7.4, the newer decoy carries .NET 8's System.Text.Json, as no
# module can load a newer one into the default context there; tests/decoys/Decoy.csproj says why.)
Describe 'Dependency isolation' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'ChildProcess.ps1')
        $moduleFolder = Join-Path $RepoRoot 'out/DrupalOAuth'
        $decoys = @{}
        foreach ($flavor in 'Old', 'New') {
            $folder = Join-Path $TestDrive "Decoy$flavor"
            & dotnet build (Join-Path $RepoRoot 'tests/decoys/Decoy.csproj') -c Release "-p:DecoyFlavor=$flavor" "-p:NetMajor=$([Environment]::Version.Major)" -o $folder --nologo -v quiet | Out-Host
            if ($LASTEXITCODE -ne 0) { throw "The $flavor decoy did not build." }
            $decoys[$flavor] = Join-Path $folder "Decoy$flavor.dll"
        }
        $expected = @{ Old = 'caching 3.1.8.0'; New = 'caching 10.0.0.0' }

        # One process: the decoy before or after DrupalOAuth, each used at once.
        $script = {
            param($Decoy, $Module, $Uri, $Order)
            $ErrorActionPreference = 'Stop'
            if ($Order -eq 'before') { Import-Module $Decoy; "decoy: $(Test-Decoy)" }
            Import-Module $Module
            Connect-DrupalApi -Uri $Uri -ClientId backend -ClientSecret (ConvertTo-SecureString 'backend-secret' -AsPlainText -Force) -SkipAdminCheck
            "drupal: $((Get-DrupalEntity node article -First 3).Count) $((Invoke-DrupalGraphQL -Query '{ nodeQuery { count } }').nodeQuery.count)"
            if ($Order -eq 'after') { Import-Module $Decoy }
            "decoy: $(Test-Decoy)"
        }.ToString()
    }
    AfterAll { Stop-DrupalTestServer -Server $Server }

    It 'keeps both working with the <flavor> decoy imported <order> DrupalOAuth' -ForEach @(
        @{ flavor = 'Old'; order = 'before' }, @{ flavor = 'Old'; order = 'after' }
        @{ flavor = 'New'; order = 'before' }, @{ flavor = 'New'; order = 'after' }
    ) {
        $file = Join-Path $TestDrive "run-$flavor-$order.ps1"
        Set-Content -Path $file -Value $script
        $run = Start-Pwsh -ArgumentList '-File', $file, $decoys[$flavor], (Join-Path $moduleFolder 'DrupalOAuth.psd1'), $Uri, $order | Wait-Pwsh
        $run.Errors | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match 'drupal: 3 28'
        @($run.Output -split "`n" | Where-Object { $_ -like 'decoy: *' }) | ForEach-Object { $_ | Should -Match $expected[$flavor] }
    }

    It 'imports, removes and imports the module again in one process, working each time' {
        $file = Join-Path $TestDrive 'reimport.ps1'
        Set-Content -Path $file -Value {
            param($Module, $Uri)
            $ErrorActionPreference = 'Stop'
            foreach ($round in 1, 2) {
                Import-Module $Module
                Connect-DrupalApi -Uri $Uri -ClientId backend -ClientSecret (ConvertTo-SecureString 'backend-secret' -AsPlainText -Force) -SkipAdminCheck
                "round ${round}: $((Get-DrupalEntity node article -First 2).Count)"
                Remove-Module DrupalOAuth
            }
        }.ToString()
        $run = Start-Pwsh -ArgumentList '-File', $file, (Join-Path $moduleFolder 'DrupalOAuth.psd1'), $Uri | Wait-Pwsh
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match 'round 1: 2'
        $run.Output | Should -Match 'round 2: 2'
    }

    It 'loads the engine and its private dependencies in their own load context, sharing the framework''s' {
        $file = Join-Path $TestDrive 'contexts.ps1'
        Set-Content -Path $file -Value {
            param($Module, $Uri)
            Import-Module $Module
            # The types scripts name resolve, although the engine that throws lives in another load context.
            try { Get-DrupalConnection -Name none -ErrorAction Stop } catch [DrupalOAuth.Errors.DrupalException] { "caught $($_.Exception.ErrorId)" }
            Connect-DrupalApi -Uri $Uri -ClientId backend -ClientSecret (ConvertTo-SecureString 'backend-secret' -AsPlainText -Force) -SkipAdminCheck
            foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
                $name = $assembly.GetName().Name
                if ($name -match '^(DrupalOAuth\.|Microsoft\.Extensions\.Caching|System\.Management\.Automation$|System\.Memory$)') {
                    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly)
                    "$name=$($context -eq [System.Runtime.Loader.AssemblyLoadContext]::Default)"
                }
            }
        }.ToString()
        $run = Start-Pwsh -ArgumentList '-File', $file, (Join-Path $moduleFolder 'DrupalOAuth.psd1'), $Uri | Wait-Pwsh
        $run.Output | Should -Match 'caught ConnectionNotFound'
        $lines = $run.Output -split "`n" | ForEach-Object Trim
        $lines | Should -Contain 'DrupalOAuth.PowerShell=True'
        $lines | Should -Contain 'DrupalOAuth.Contracts=True'
        $lines | Should -Contain 'DrupalOAuth.Engine=False'
        $lines | Should -Contain 'Microsoft.Extensions.Caching.Memory=False'
        $lines | Should -Contain 'System.Management.Automation=True'
        @($lines | Where-Object { $_ -like 'System.Management.Automation=*' }) | Should -HaveCount 1
    }
}
