# The built module's help (from docs/ through docs/Build-Help.ps1) and its formatted views (DrupalOAuth.Format.ps1xml).
BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $cmdlets = (Import-PowerShellDataFile (Join-Path $root 'DrupalOAuth.psd1')).CmdletsToExport
    # The cmdlets people start with get more examples.
    $minimumExamples = @{ 'Connect-DrupalApi' = 4; 'Invoke-DrupalGraphQL' = 6; 'Get-DrupalEntity' = 8; 'Invoke-DrupalRequest' = 6 }
    $helpCases = foreach ($name in $cmdlets) { @{ Name = $name; MinimumExamples = $minimumExamples[$name] ?? 2 } }
    $testServerReady = Test-Path (Join-Path $root 'tests/DrupalTestServer/DrupalTestServer.psm1')
}

BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $moduleFolder = Join-Path $root 'out/DrupalOAuth'
    if (-not (Test-Path "$moduleFolder/DrupalOAuth.psd1")) { throw "Build first: dotnet pwsh ./build.ps1 -Task Build ($moduleFolder is missing)." }
    Import-Module "$moduleFolder/DrupalOAuth.psd1" -Force
    function Get-Text($Paragraphs) { (@($Paragraphs) | ForEach-Object { $_.Text }) -join "`n" }
}

Describe 'Help of <Name>' -ForEach $helpCases {
    BeforeAll {
        $help = Get-Help $Name -Full
        $parameters = (Get-Command $Name).Parameters.Values |
            Where-Object Name -NotIn ([System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters)
    }

    It 'comes from the module''s help file' {
        $help.description | Should -Not -BeNullOrEmpty -Because 'help made up from the syntax alone has no description'
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name *" -Because 'without a help file the synopsis is the syntax'
    }

    It 'has a description' {
        Get-Text $help.description | Should -Match '\w{3,}'
    }

    It 'has at least <MinimumExamples> examples, each with code and an explanation' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual $MinimumExamples
        foreach ($example in $examples) {
            $example.code | Should -Match $Name -Because "$($example.title) should show the cmdlet"
            Get-Text $example.remarks | Should -Match '\w{3,}' -Because "$($example.title) should say what it does"
        }
    }

    It 'describes every parameter' {
        foreach ($parameter in $parameters) {
            $parameterHelp = $help.parameters.parameter | Where-Object name -EQ $parameter.Name
            Get-Text $parameterHelp.description | Should -Match '\w{3,}' -Because "-$($parameter.Name) needs a description"
        }
    }

    It 'shows the parameters as the cmdlet declares them' {
        foreach ($parameter in $parameters) {
            $parameterHelp = $help.parameters.parameter | Where-Object name -EQ $parameter.Name
            $parameterHelp.required | Should -Be ($parameter.ParameterSets.Values.IsMandatory -notcontains $false).ToString().ToLower() -Because "-$($parameter.Name)"
            ($parameterHelp.pipelineInput -like 'True*') | Should -Be ([bool]($parameter.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName })) -Because "-$($parameter.Name)"
        }
        @($help.syntax.syntaxItem).Count | Should -Be (Get-Command $Name).ParameterSets.Count
    }
}

Describe 'about_DrupalOAuth' {
    BeforeAll {
        $about = Get-Help about_DrupalOAuth | Out-String
    }

    It 'exists' {
        Test-Path "$moduleFolder/en-US/about_DrupalOAuth.help.txt" | Should -BeTrue
        $about | Should -Match 'SHORT DESCRIPTION'
    }

    It 'explains connections, the token cache, the admin rule, the environment variables and runbooks' {
        $about | Should -Match 'CONNECTIONS'
        $about | Should -Match 'TOKEN CACHE'
        $about | Should -Match 'Never bind an administrator'
        foreach ($variable in 'DRUPAL_URI', 'DRUPAL_CLIENT_ID', 'DRUPAL_CLIENT_SECRET') { $about | Should -Match $variable }
        $about | Should -Match 'Get-AutomationPSCredential'
    }

    It 'lists every ErrorId the module raises' {
        $sources = Get-ChildItem (Join-Path $root 'src') -Filter '*.cs' -Recurse | Get-Content -Raw
        $errorIds = [regex]::Matches($sources -join "`n", '"([A-Z][A-Za-z]+)",\s*[^",;]*ErrorCategory\.') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
        $errorIds.Count | Should -BeGreaterThan 20 -Because 'the ErrorIds are found in the sources'
        # InvalidTimeout never reaches users: -TimeoutSec's ValidateRange stops a bad value before the engine sees it.
        foreach ($errorId in $errorIds | Where-Object { $_ -ne 'InvalidTimeout' }) { $about | Should -Match "\b$errorId\b" }
    }
}

Describe 'Formatted views' {
    It 'never name AccessToken as a property to show' {
        $views = [xml](Get-Content -Raw "$moduleFolder/DrupalOAuth.Format.ps1xml")
        $views.SelectNodes('//PropertyName').InnerText | Should -Not -Contain 'AccessToken'
        foreach ($script in $views.SelectNodes('//ScriptBlock').InnerText -match 'AccessToken') {
            $script | Should -Match '^if \(\$_\.AccessToken -is \[securestring\]\) \{ ''[^'']+'' \} else \{ ''[^'']+'' \}$' -Because 'only the kind of the token may be shown'
        }
    }

    Context 'of a token object' {
        BeforeAll {
            $tokenText = 'eyJhbGciOiJSUzI1NiJ9.eyJzY29wZSI6WyJhcGlfdXNlciJdfQ.c2lnbmF0dXJlLWZvci10ZXN0cw'
            function New-TokenObject($AccessToken) {
                [pscustomobject]@{
                    PSTypeName = 'DrupalOAuth.Token'; AccessToken = $AccessToken; TokenType = 'Bearer'
                    ExpiresOn = [DateTimeOffset]::Now.AddMinutes(5); Scope = [string[]]@('api_user'); ConnectionName = 'default'
                }
            }
            $plain = New-TokenObject $tokenText
            $secure = New-TokenObject (ConvertTo-SecureString $tokenText -AsPlainText -Force)
        }

        It 'is of the type Get-DrupalToken writes' {
            (Get-Command Get-DrupalToken).OutputType.Name | Should -Be 'DrupalOAuth.Token'
        }

        It 'shows a -AsPlainText token as hidden, in the default view, as a list and as a table' {
            foreach ($shown in ($plain | Out-String), ($plain | Format-List | Out-String), ($plain | Format-Table | Out-String -Width 300)) {
                foreach ($part in $tokenText.Split('.')) { $shown | Should -Not -Match ([regex]::Escape($part)) }
                $shown | Should -Match '\(plain text, hidden'
                $shown | Should -Match 'Bearer'
            }
        }

        It 'shows a SecureString token as (SecureString)' {
            $secure | Out-String | Should -Match 'AccessToken\s+: \(SecureString\)'
        }
    }

    Context 'of objects from the Drupal test server' -Skip:(-not $testServerReady) {
        BeforeAll {
            . (Join-Path $PSScriptRoot 'TestSetup.ps1')
            $connection = Connect-Backend
            $token = (Get-DrupalToken -AsPlainText).AccessToken
            $shown = @(
                $connection | Out-String -Width 300
                Get-DrupalConnection | Out-String -Width 300
                $connection | Format-List | Out-String -Width 300
                Get-DrupalToken | Out-String -Width 300
                Get-DrupalToken -AsPlainText | Out-String -Width 300
                Get-DrupalToken -AsPlainText | Format-Table | Out-String -Width 300
            ) -join "`n"
        }
        AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

        It 'show the connection with its current mark and the token''s kind' {
            $shown | Should -Match '\*\s+default\s'
            $shown | Should -Match '\(SecureString\)'
            $shown | Should -Match '\(plain text, hidden'
        }

        It 'never show the client secret' {
            $shown | Should -Not -Match ([regex]::Escape($BackendSecretText))
        }

        It 'never show the access token, nor any part of it' {
            $token | Should -Not -BeNullOrEmpty
            foreach ($part in $token.Split('.')) { $shown | Should -Not -Match ([regex]::Escape($part)) }
        }
    }
}
