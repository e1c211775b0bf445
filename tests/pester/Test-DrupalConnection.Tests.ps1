# The admin rule: never bind an administrator to a client credentials consumer.
Describe 'Test-DrupalConnection and the administrator check' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $test = 'DrupalOAuth.Commands.TestDrupalConnectionCommand'
        function Connect-As([string] $ClientId, [string] $Secret, [hashtable] $With = @{}) {
            Connect-Backend -Name $ClientId -ClientId $ClientId -Secret $Secret -With $With
        }
        # The warnings of a connect, caught from its stream: -WarningVariable would land in Connect-As's scope.
        function Get-ConnectWarning([string] $ClientId, [string] $Secret, [hashtable] $With = @{}) {
            @(Connect-As $ClientId $Secret $With 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        }
    }
    BeforeEach { Reset-DrupalTestServer -Server $Server }
    AfterEach { Get-DrupalConnection | Disconnect-DrupalApi }
    AfterAll { Stop-DrupalTestServer -Server $Server }

    Context 'a low-privilege consumer' {
        It 'tells who Drupal takes the consumer for, from /oauth/debug' {
            $null = Connect-As backend backend-secret
            $identity = Test-DrupalConnection
            # The engine's types live in its own load context, where type literals do not reach: check the type name.
            $identity.PSObject.TypeNames[0] | Should -Be 'DrupalOAuth.Identity.DrupalIdentity'
            $identity.UserId | Should -Be '2'
            $identity.Roles | Should -Be @('authenticated', 'api_user')
            $identity.Permissions | Should -Contain 'access content'
            $identity.Permissions | Should -Not -Contain 'administer nodes' -Because 'only permissions with access true count'
            $identity.Scope | Should -Be @('api_user', 'content:read')
            $identity.Source | Should -Be '/oauth/debug'
            $identity.IsAdministrator | Should -BeFalse
            $identity.ConnectionName | Should -Be 'backend'
        }

        It 'connects without a warning' {
            Get-ConnectWarning backend backend-secret | Should -BeNullOrEmpty
            $null = Test-DrupalConnection -WarningVariable testWarnings
            $testWarnings | Should -BeNullOrEmpty
        }

        It 'passes -Strict' {
            $null = Connect-As backend backend-secret
            { Test-DrupalConnection -Strict } | Should -Not -Throw
        }

        It 'falls back to the token''s claims when the user may not call /oauth/debug' {
            $null = Connect-As nogql nogql-secret
            $identity = Test-DrupalConnection -Verbose 4>&1
            $said = ($identity | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join "`n"
            $identity = $identity | Where-Object { $_.PSObject.TypeNames[0] -eq 'DrupalOAuth.Identity.DrupalIdentity' }
            $identity.Source | Should -Be 'token claims'
            $identity.Scope | Should -Be @('api_user')
            $identity.Roles | Should -BeNullOrEmpty
            $identity.IsAdministrator | Should -BeFalse
            $said | Should -BeLike '*not open to this consumer*token*claims*'
        }
    }

    Context 'an administrator consumer' {
        It 'warns once on connect, naming the client and the roles at fault (<client>)' -ForEach @(
            @{ client = 'admin-client'; secret = 'admin-secret'; why = "*role 'administrator'*" }
            @{ client = 'editor-client'; secret = 'editor-secret'; why = "*'administer nodes', 'bypass node access'*" }
        ) {
            $warnings = Get-ConnectWarning $client $secret
            $warnings | Should -HaveCount 1
            "$warnings" | Should -BeLike "*'$client'*$Uri*"
            "$warnings" | Should -BeLike $why
            "$warnings" | Should -BeLike '*low-privilege user*'
            $null = Invoke-DrupalGraphQL -Query '{ nodeQuery { count } }' -WarningVariable later
            $later | Should -BeNullOrEmpty -Because 'the warning comes once per connection'
        }

        It 'does not check with -SkipAdminCheck' {
            $debugBefore = (Get-DrupalTestServerStats -Server $Server).debugRequests
            Get-ConnectWarning admin-client admin-secret -With @{ SkipAdminCheck = $true } | Should -BeNullOrEmpty
            (Get-DrupalTestServerStats -Server $Server).debugRequests | Should -Be $debugBefore
        }

        It 'warns and writes the identity without -Strict' {
            $null = Connect-As admin-client admin-secret -With @{ WarningAction = 'SilentlyContinue' }
            $identity = Test-DrupalConnection -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings | Should -HaveCount 1
            $identity.IsAdministrator | Should -BeTrue
            $identity.AdministratorReasons[0] | Should -Be "role 'administrator'"
            $identity.AdministratorReasons[1] | Should -BeLike "permissions 'administer*and * more"
        }

        It 'fails with AdministratorConsumer with -Strict' {
            $null = Connect-As admin-client admin-secret -With @{ WarningAction = 'SilentlyContinue' }
            { Test-DrupalConnection -Strict } | Should -Throw -ErrorId "AdministratorConsumer,$test" -ExpectedMessage "*'admin-client'*administrator rights*"
        }

        It 'connects all the same when the check itself fails, and says why in -Verbose' {
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body @{ route = 'debug'; kind = 'status'; status = 500 }
            $said = Connect-As admin-client admin-secret -With @{ Verbose = $true } 3>&1 4>&1
            $said | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | Should -BeNullOrEmpty
            ($said | Out-String) | Should -BeLike '*Could not check whether the consumer*500*'
            Get-DrupalConnection -Name admin-client | Should -Not -BeNullOrEmpty
        }
    }

    Context 'connections and output' {
        It 'checks each connection from the pipeline' {
            $null = Connect-As backend backend-secret
            $null = Connect-As editor-client editor-secret -With @{ WarningAction = 'SilentlyContinue' }
            $identities = Get-DrupalConnection | Test-DrupalConnection -WarningAction SilentlyContinue
            $identities.ConnectionName | Should -Be @('backend', 'editor-client')
            $identities.UserId | Should -Be @('2', '3')
        }

        It 'takes -Connection by name' {
            $null = Connect-As backend backend-secret
            $null = Connect-As nogql nogql-secret
            (Test-DrupalConnection -Connection backend).UserId | Should -Be '2'
        }

        It 'never shows the token that /oauth/debug echoes' {
            $null = Connect-As backend backend-secret
            $token = (Get-DrupalToken -AsPlainText).AccessToken
            $identity = Test-DrupalConnection
            $shown = @(
                $identity | Format-List * | Out-String
                $identity | ConvertTo-Json -Depth 5
                $identity.ToString()
                Test-DrupalConnection -Verbose -Debug *>&1 | Out-String
            ) -join "`n"
            foreach ($part in $token.Split('.')) { $shown | Should -Not -Match ([regex]::Escape($part)) }
        }

        It 'fails with NotConnected when there is no connection' {
            { Test-DrupalConnection } | Should -Throw -ErrorId "NotConnected,$test"
        }
    }
}
