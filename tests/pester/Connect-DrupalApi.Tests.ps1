Describe 'Connect-DrupalApi' {
    BeforeAll { . (Join-Path $PSScriptRoot 'TestSetup.ps1') }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }
    AfterEach { Get-DrupalConnection | Disconnect-DrupalApi }

    Context 'with -ClientId and -ClientSecret' {
        It 'fetches a token at once and makes the connection current' {
            $before = Get-TokenRequestCount
            $connection = Connect-Backend
            Get-TokenRequestCount | Should -Be ($before + 1)
            $connection.ClientId | Should -Be 'backend'
            $connection.SiteUri | Should -Be "$Uri/"
            $connection.IsCurrent | Should -BeTrue
            $connection.TokenExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddSeconds(250))
            (Get-DrupalConnection -Current).Name | Should -Be 'default'
        }

        It 'writes nothing without -PassThru' {
            Connect-DrupalApi -Uri $Uri -ClientId backend -ClientSecret (New-Secret $BackendSecretText) | Should -BeNullOrEmpty
        }

        It 'sends -Scope space-separated, and the token carries it' {
            $connection = Connect-Backend -With @{ Scope = 'api_user', 'content:write' }
            $connection.Scope | Should -Be @('api_user', 'content:write')
            (Get-DrupalToken).Scope | Should -Be @('api_user', 'content:write')
        }

        It 'takes the secret from DRUPAL_CLIENT_SECRET when -ClientSecret is left out' {
            $env:DRUPAL_CLIENT_SECRET = $BackendSecretText
            try { (Connect-DrupalApi -Uri $Uri -ClientId backend -PassThru).ClientId | Should -Be 'backend' }
            finally { Remove-Item Env:DRUPAL_CLIENT_SECRET }
        }
    }

    Context 'with -Credential (an Azure Automation credential asset)' {
        It 'uses the user name as client id and the password as secret' {
            $credential = [pscredential]::new('backend', (New-Secret $BackendSecretText))
            $connection = Connect-DrupalApi -Uri $Uri -Credential $credential -PassThru
            $connection.ClientId | Should -Be 'backend'
        }
    }

    Context 'from environment variables' {
        BeforeEach {
            $env:DRUPAL_URI = $Uri
            $env:DRUPAL_CLIENT_ID = 'backend'
            $env:DRUPAL_CLIENT_SECRET = $BackendSecretText
        }
        AfterEach { Remove-Item Env:DRUPAL_URI, Env:DRUPAL_CLIENT_ID, Env:DRUPAL_CLIENT_SECRET -ErrorAction SilentlyContinue }

        It 'connects with DRUPAL_URI, DRUPAL_CLIENT_ID and DRUPAL_CLIENT_SECRET alone' {
            $connection = Connect-DrupalApi -PassThru
            $connection.ClientId | Should -Be 'backend'
            $connection.SiteUri | Should -Be "$Uri/"
        }

        It 'fails with MissingClientSecret when the secret variable is unset' {
            Remove-Item Env:DRUPAL_CLIENT_SECRET
            { Connect-DrupalApi } | Should -Throw -ErrorId 'MissingClientSecret,DrupalOAuth.Commands.ConnectDrupalApiCommand'
        }

        It 'fails with MissingUri when neither -Uri nor DRUPAL_URI is set' {
            Remove-Item Env:DRUPAL_URI
            { Connect-DrupalApi } | Should -Throw -ErrorId 'MissingUri,DrupalOAuth.Commands.ConnectDrupalApiCommand'
        }
    }

    Context 'with -ClientAuthentication Basic' {
        It 'gets a token for a client id and secret full of special characters' {
            $connection = Connect-DrupalApi -Uri $Uri -ClientId 'sp%ce' -ClientSecret (New-Secret 's3cr:t/+&= x') -ClientAuthentication Basic -PassThru
            $connection.ClientAuthentication | Should -Be 'Basic'
            (Get-DrupalToken).Scope | Should -Contain 'api_user'
        }

        It 'gets the same client a token with the secret in the body' {
            { Connect-DrupalApi -Uri $Uri -ClientId 'sp%ce' -ClientSecret (New-Secret 's3cr:t/+&= x') } | Should -Not -Throw
        }

        It 'refuses a client id holding a colon before sending anything' {
            { Connect-DrupalApi -Uri $Uri -ClientId 'a:b' -ClientSecret (New-Secret 'x') -ClientAuthentication Basic } |
                Should -Throw -ErrorId 'ClientIdNotBasicCompatible,DrupalOAuth.Commands.ConnectDrupalApiCommand'
        }
    }

    Context 'with -Name, -TokenPath, -GraphQLPath and -TimeoutSec' {
        It 'keeps named connections side by side' {
            $null = Connect-Backend -Name 'one'
            $null = Connect-Backend -Name 'two' -ClientId 'editor-client' -Secret 'editor-secret'
            (Get-DrupalConnection).Name | Should -Be @('one', 'two')
            (Get-DrupalConnection -Current).Name | Should -Be 'two'
        }

        It 'uses the given paths' {
            $connection = Connect-Backend -With @{ TokenPath = '/oauth/token'; GraphQLPath = 'graphql'; TimeoutSec = 7 }
            $connection.TokenUri | Should -Be "$Uri/oauth/token"
            $connection.GraphQLUri | Should -Be "$Uri/graphql"
            $connection.TimeoutSec | Should -Be 7
        }

        It 'names the token URL when -TokenPath points nowhere' {
            { Connect-Backend -With @{ TokenPath = '/nowhere' } } |
                Should -Throw -ErrorId 'TokenEndpointNotFound,DrupalOAuth.Commands.ConnectDrupalApiCommand' -ExpectedMessage "*$Uri/nowhere*"
        }
    }

    Context 'when Drupal refuses the token request' {
        It 'explains invalid_client with Drupal''s words, the client id and the token URL' {
            { Connect-Backend -Secret 'wrong' } | Should -Throw -ErrorId 'InvalidClient,DrupalOAuth.Commands.ConnectDrupalApiCommand' `
                -ExpectedMessage "Drupal rejected the client credentials for client 'backend': Client authentication failed*$Uri/oauth/token*"
        }

        It 'sets the AuthenticationError category' {
            try { Connect-Backend -Secret 'wrong' } catch { $_.CategoryInfo.Category | Should -Be 'AuthenticationError' }
        }

        It 'explains that a consumer without default scopes needs -Scope' {
            { Connect-Backend -ClientId 'noscope' -Secret 'noscope-secret' } |
                Should -Throw -ErrorId 'ScopeRequired,DrupalOAuth.Commands.ConnectDrupalApiCommand' -ExpectedMessage '*Pass -Scope*'
            (Connect-Backend -ClientId 'noscope' -Secret 'noscope-secret' -With @{ Scope = 'api_user' }).ClientId | Should -Be 'noscope'
        }

        It 'reports a scope the consumer does not allow' {
            { Connect-Backend -With @{ Scope = 'admin' } } |
                Should -Throw -ErrorId 'InvalidScope,DrupalOAuth.Commands.ConnectDrupalApiCommand' -ExpectedMessage '*Check the ?admin? scope*'
        }

        It 'reports a consumer without the client credentials grant' {
            { Connect-Backend -ClientId 'nogrant' -Secret 'nogrant-secret' } |
                Should -Throw -ErrorId 'UnsupportedGrantType,DrupalOAuth.Commands.ConnectDrupalApiCommand' -ExpectedMessage '*Enable the Client Credentials grant*'
        }

        It 'reports a consumer without a user' {
            { Connect-Backend -ClientId 'nouser' -Secret 'nouser-secret' } |
                Should -Throw -ErrorId 'ConsumerWithoutUser,DrupalOAuth.Commands.ConnectDrupalApiCommand' -ExpectedMessage '*never an administrator*'
        }

        It 'names the token URL, the status and the page title when the token endpoint fails with an HTML page' {
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body @{ route = 'token'; kind = 'status'; status = 500; count = 1 }
            { Connect-Backend } | Should -Throw -ErrorId 'TokenRequestFailed,DrupalOAuth.Commands.ConnectDrupalApiCommand' -ExpectedMessage "*$Uri/oauth/token failed with 500*titled*"
        }

        It 'leaves no connection behind' {
            { Connect-Backend -Secret 'wrong' } | Should -Throw
            Get-DrupalConnection | Should -BeNullOrEmpty
        }

        It 'keeps the previous connection current when a reconnect fails' {
            $null = Connect-Backend
            { Connect-Backend -Secret 'wrong' } | Should -Throw
            (Get-DrupalConnection -Current).ClientId | Should -Be 'backend'
        }
    }

    Context 'with bad input' {
        It 'refuses <Uri> with <ErrorId>' -ForEach @(
            @{ Uri = 'not a uri'; ErrorId = 'InvalidUri' }
            @{ Uri = '/relative/path'; ErrorId = 'InvalidUri' }
            @{ Uri = 'ftp://example.com'; ErrorId = 'InvalidUri' }
            @{ Uri = 'https://example.com/?q=1'; ErrorId = 'InvalidUri' }
            @{ Uri = 'http://example.com'; ErrorId = 'InsecureHttp' }
        ) {
            { Connect-DrupalApi -Uri $Uri -ClientId backend -ClientSecret (New-Secret 'x') } |
                Should -Throw -ErrorId "$ErrorId,DrupalOAuth.Commands.ConnectDrupalApiCommand"
        }

        It 'says that http:// sends the secret in clear text' {
            { Connect-DrupalApi -Uri 'http://example.com' -ClientId backend -ClientSecret (New-Secret 'x') } |
                Should -Throw -ExpectedMessage '*clear text*-AllowInsecureHttp*'
        }

        It 'refuses an empty secret' {
            { Connect-DrupalApi -Uri $Uri -Credential ([pscredential]::new('backend', [securestring]::new())) } |
                Should -Throw -ErrorId 'MissingClientSecret,DrupalOAuth.Commands.ConnectDrupalApiCommand'
        }

        It 'names the host when nothing listens there' {
            $closed = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $closed.Start(); $port = $closed.LocalEndpoint.Port; $closed.Stop()
            { Connect-DrupalApi -Uri "http://127.0.0.1:$port" -ClientId backend -ClientSecret (New-Secret 'x') } |
                Should -Throw -ErrorId 'ConnectionFailed,DrupalOAuth.Commands.ConnectDrupalApiCommand' -ExpectedMessage '*127.0.0.1*'
        }
    }
}
