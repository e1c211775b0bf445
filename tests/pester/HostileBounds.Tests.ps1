# Issue #14 against a hostile server and hostile local files: answers too large for memory (a gzip bomb, a plain
# flood), -OutFile downloads that fail half-way, uploads from a named pipe, a folder, a device or a file that
# changes. Each must end in bounded time and memory with its own ErrorId, never retried, and leave files as they were.
# Cases that could hang or exhaust memory if the bound broke run in a child pwsh with a deadline.
Describe 'Hostile bounds' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        . (Join-Path $PSScriptRoot 'ChildProcess.ps1')
        $modulePath = Join-Path $RepoRoot 'out/DrupalOAuth/DrupalOAuth.psd1'

        function Add-Fault([string] $Route, [string] $Kind, [hashtable] $With = @{}) {
            Invoke-DrupalTestServerControl -Server $Server -Action 'fault' -Body (@{ route = $Route; kind = $Kind; count = 1 } + $With)
        }

        function Connect-Editor([hashtable] $With = @{}) {
            Connect-Backend -ClientId 'editor-client' -Secret 'editor-secret' -With (@{ SkipAdminCheck = $true; RetryIntervalSec = 0 } + $With)
        }

        # The ErrorId of a call that must fail, and how long it took.
        function Measure-Failure([scriptblock] $Call) {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            try { $null = & $Call; $errorId = $null; $message = $null }
            catch { $errorId = $_.FullyQualifiedErrorId.Split(',')[0]; $message = $_.Exception.Message }
            [pscustomobject]@{ ErrorId = $errorId; Message = $message; Seconds = $watch.Elapsed.TotalSeconds }
        }

        # A child pwsh that connects to this file's test server and runs $Script, which writes one JSON line.
        function Invoke-Child([string] $Script, [int] $TimeoutSec = 90) {
            $file = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
            Set-Content -Path $file -Value @"
param(`$ModulePath, `$Uri)
`$ErrorActionPreference = 'Stop'
Import-Module `$ModulePath
`$null = Connect-DrupalApi -Uri `$Uri -ClientId editor-client -ClientSecret (ConvertTo-SecureString editor-secret -AsPlainText -Force) -SkipAdminCheck -RetryIntervalSec 0
function Get-ErrorId([scriptblock] `$Call) {
    `$watch = [Diagnostics.Stopwatch]::StartNew()
    try { `$null = & `$Call; `$id = 'none' } catch { `$id = `$_.FullyQualifiedErrorId.Split(',')[0] }
    [pscustomobject]@{ ErrorId = `$id; Seconds = `$watch.Elapsed.TotalSeconds }
}
$Script
"@
            $run = Start-Pwsh -ArgumentList '-File', $file, $modulePath, $Uri | Wait-Pwsh -TimeoutSec $TimeoutSec
            $json = $run.Output -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1
            if (-not $json) { throw "The child wrote no result (exit $($run.ExitCode)): $($run.Text)" }
            $json | ConvertFrom-Json
        }

        # Runs $Script in a runspace of this process, stops it (as Ctrl+C does) after $AfterMs, and says how long the stop took.
        function Measure-Stop([string] $Script, [int] $AfterMs = 1000) {
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddScript("Import-Module '$modulePath'; `$null = Connect-DrupalApi -Uri '$Uri' -ClientId backend -ClientSecret (ConvertTo-SecureString backend-secret -AsPlainText -Force) -SkipAdminCheck; $Script")
                $running = $shell.BeginInvoke()
                Start-Sleep -Milliseconds $AfterMs
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $stopped = $shell.BeginStop($null, $null)
                $null = $stopped.AsyncWaitHandle.WaitOne(30000)
                [pscustomobject]@{ Seconds = $watch.Elapsed.TotalSeconds; Completed = $running.IsCompleted }
            }
            finally { $shell.Dispose() }
        }
    }
    BeforeEach {
        Reset-DrupalTestServer -Server $Server
        $null = Connect-Editor
        $before = Get-Stats
    }
    AfterAll { Get-DrupalConnection | Disconnect-DrupalApi; Stop-DrupalTestServer -Server $Server }

    Context 'answers too large for memory' {
        It 'a 16 GB gzip bomb fails ResponseTooLarge on <cmdlet>, sent once, in bounded memory' -TestCases @(
            @{ cmdlet = 'Invoke-DrupalRequest'; route = 'echo'; fault = @{}; call = 'Invoke-DrupalRequest -Path /_test/echo' }
            @{ cmdlet = 'Get-DrupalEntity'; route = 'jsonapi'; fault = @{ contentType = 'application/vnd.api+json' }; call = 'Get-DrupalEntity node article' }
            @{ cmdlet = 'Invoke-DrupalGraphQL -ExpandPath (read as it comes)'; route = 'graphql'; fault = @{ body = '{"data":{"nodeQuery":{"entities":[' }; call = "Invoke-DrupalGraphQL -Query '{ nodeQuery { entities { ... on NodeArticle { title } } } }' -ExpandPath nodeQuery.entities" }
        ) {
            Add-Fault -Route $route -Kind gzipbomb -With (@{ mb = 16384 } + $fault)
            $result = Invoke-Child -TimeoutSec 120 @"
`$outcome = Get-ErrorId { $call }
`$outcome | Add-Member PeakMB ([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB) -PassThru | ConvertTo-Json -Compress
"@
            $result.ErrorId | Should -Be 'ResponseTooLarge'
            (Get-Stats)."$($route)Requests" - $before."$($route)Requests" | Should -Be 1 -Because 'a size limit is not a network failure to retry'
            $result.PeakMB | Should -BeLessThan 1024 -Because 'the read stops at the 256 MB default'
            Write-Host ("    16 GB gzip bomb, {0}: ResponseTooLarge in {1:N1} s, peak working set {2:N0} MB" -f $cmdlet, $result.Seconds, $result.PeakMB)
        }

        It 'a plain answer over -MaximumResponseSize fails ResponseTooLarge, sent once (Content-Length: <announced>)' -TestCases @(
            @{ announced = $true }
            @{ announced = $false }
        ) {
            Add-Fault -Route echo -Kind huge -With @{ mb = 4; contentLength = $announced }
            $outcome = Measure-Failure { Invoke-DrupalRequest -Path /_test/echo -MaximumResponseSize 1MB }
            $outcome.ErrorId | Should -Be 'ResponseTooLarge'
            $outcome.Message | Should -Match ($announced ? 'announces 4194313 bytes' : 'larger than the 1048576 bytes')
            (Get-Stats).echoRequests - $before.echoRequests | Should -Be 1
        }

        It 'a raised limit lets the answer through, per call or per connection' {
            Add-Fault -Route echo -Kind huge -With @{ mb = 2; contentLength = $false; body = '{"a":1}' }
            (Invoke-DrupalRequest -Path /_test/echo -MaximumResponseSize 3MB).a | Should -Be 1
            $null = Connect-Editor -With @{ MaximumResponseSize = 1MB }
            Add-Fault -Route echo -Kind huge -With @{ mb = 2 }
            (Measure-Failure { Invoke-DrupalRequest -Path /_test/echo }).ErrorId | Should -Be 'ResponseTooLarge'
            Add-Fault -Route echo -Kind huge -With @{ mb = 2; body = '{"a":1}' }
            (Invoke-DrupalRequest -Path /_test/echo -MaximumResponseSize 0).a | Should -Be 1
        }

        It 'Connect-DrupalApi -MaximumResponseSize is the connection''s, 256 MB by default, and shown by Get-DrupalConnection' {
            (Get-DrupalConnection).MaximumResponseSize | Should -Be 256MB
            $null = Connect-Editor -With @{ MaximumResponseSize = 5MB }
            (Get-DrupalConnection).MaximumResponseSize | Should -Be 5MB
            { Connect-Editor -With @{ MaximumResponseSize = -1 } } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        }

        It '-OutFile has no limit: the disk bounds it' {
            $null = Connect-Editor -With @{ MaximumResponseSize = 1MB }
            Add-Fault -Route echo -Kind huge -With @{ mb = 2 }
            $path = Join-Path $TestDrive 'big.json'
            Invoke-DrupalRequest -Path /_test/echo -OutFile $path
            (Get-Item $path).Length | Should -Be (2MB + 9)
        }
    }

    Context '-OutFile replaces a file only with a whole answer' {
        BeforeEach {
            $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory $folder
            $target = Join-Path $folder 'answer.json'
            Set-Content -Path $target -Value 'the old file' -NoNewline
        }

        It 'an answer broken half-way leaves the old file and no temporary file' {
            Add-Fault -Route echo -Kind brokenbody
            (Measure-Failure { Invoke-DrupalRequest -Path /_test/echo -OutFile $target -MaximumRetryCount 0 }).ErrorId | Should -Be 'ConnectionLost'
            Get-Content $target -Raw | Should -Be 'the old file'
            @(Get-ChildItem -Force $folder).Name | Should -Be @('answer.json')
        }

        It 'a whole answer replaces the file and leaves no temporary file' {
            Invoke-DrupalRequest -Path /_test/echo -OutFile $target
            (Get-Content $target -Raw | ConvertFrom-Json).path | Should -Be '/_test/echo'
            @(Get-ChildItem -Force $folder).Name | Should -Be @('answer.json')
        }

        It 'a download cut off by -TimeoutSec leaves the old file and no temporary file' {
            Add-Fault -Route echo -Kind stall -With @{ ms = 20000 }
            $outcome = Measure-Failure { Invoke-DrupalRequest -Path /_test/echo -OutFile $target -TimeoutSec 1 -MaximumRetryCount 0 }
            $outcome.ErrorId | Should -Be 'Timeout'
            $outcome.Seconds | Should -BeLessThan 15
            Get-Content $target -Raw | Should -Be 'the old file'
            @(Get-ChildItem -Force $folder).Name | Should -Be @('answer.json')
        }

        It 'a download stopped by Ctrl+C ends at once and leaves the old file and no temporary file' {
            Add-Fault -Route echo -Kind stall -With @{ ms = 20000 }
            $stop = Measure-Stop "Invoke-DrupalRequest -Path /_test/echo -OutFile '$target'"
            $stop.Completed | Should -BeTrue
            $stop.Seconds | Should -BeLessThan 10
            Get-Content $target -Raw | Should -Be 'the old file'
            @(Get-ChildItem -Force $folder).Name | Should -Be @('answer.json')
        }

        It 'a folder that cannot hold the file is OutFileFailed, sent once (<name>)' -TestCases @(
            @{ name = 'missing folder'; relative = 'missing/answer.json' }
            @{ name = 'a file where the folder should be'; relative = 'answer.json/inner.json' }
        ) {
            $outcome = Measure-Failure { Invoke-DrupalRequest -Path /_test/echo -OutFile (Join-Path $folder $relative) }
            $outcome.ErrorId | Should -Be 'OutFileFailed'
            (Get-Stats).echoRequests - $before.echoRequests | Should -Be 1
            Get-Content $target -Raw | Should -Be 'the old file'
        }
    }

    Context 'uploads from files that are not what they seem' {
        BeforeAll {
            Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false
            function Send-File([string] $Path, [hashtable] $With = @{}) {
                New-DrupalFile -EntityType node -Bundle article -Field field_image -Path $Path -ErrorAction Stop @With
            }
        }
        BeforeEach { Set-DrupalTestServerJsonApiMode -Server $Server -ReadOnly:$false }

        It 'a named pipe nothing writes to ends at -TimeoutSec with FileReadTimeout, nothing sent' -Skip:$IsWindows {
            $fifo = Join-Path $TestDrive 'nobody-writes'
            mkfifo $fifo
            $result = Invoke-Child -TimeoutSec 60 @"
`$upload = Get-ErrorId { New-DrupalFile -EntityType node -Bundle article -Field field_image -Path '$fifo' -TimeoutSec 2 -ErrorAction Stop }
`$upload | ConvertTo-Json -Compress
"@
            $result.ErrorId | Should -Be 'FileReadTimeout'
            $result.Seconds | Should -BeLessThan 20
            (Get-Stats).jsonapiWrites - $before.jsonapiWrites | Should -Be 0
        }

        It 'a named pipe nothing writes to ends at once on Ctrl+C' -Skip:$IsWindows {
            $fifo = Join-Path $TestDrive 'nobody-writes-stopped'
            mkfifo $fifo
            $result = Invoke-Child -TimeoutSec 60 @"
`$shell = [powershell]::Create().AddScript("Import-Module '$modulePath'; `$null = Connect-DrupalApi -Uri '$Uri' -ClientId editor-client -ClientSecret (ConvertTo-SecureString editor-secret -AsPlainText -Force) -SkipAdminCheck; New-DrupalFile -EntityType node -Bundle article -Field field_image -Path '$fifo'")
`$running = `$shell.BeginInvoke()
Start-Sleep -Milliseconds 1500
`$watch = [Diagnostics.Stopwatch]::StartNew()
`$null = `$shell.BeginStop(`$null, `$null).AsyncWaitHandle.WaitOne(30000)
[pscustomobject]@{ Seconds = `$watch.Elapsed.TotalSeconds; Completed = `$running.IsCompleted } | ConvertTo-Json -Compress
"@
            $result.Completed | Should -BeTrue
            $result.Seconds | Should -BeLessThan 10
        }

        It 'a named pipe that something writes to is InvalidFile, nothing sent' -Skip:$IsWindows {
            $fifo = Join-Path $TestDrive 'someone-writes'
            mkfifo $fifo
            $writer = [Diagnostics.Process]::Start([Diagnostics.ProcessStartInfo]::new('sh', [string[]] @('-c', "echo data > '$fifo'")))
            try {
                $result = Invoke-Child -TimeoutSec 60 @"
Get-ErrorId { New-DrupalFile -EntityType node -Bundle article -Field field_image -Path '$fifo' -TimeoutSec 10 -ErrorAction Stop } | ConvertTo-Json -Compress
"@
                $result.ErrorId | Should -Be 'InvalidFile'
            }
            finally { if (-not $writer.HasExited) { $writer.Kill() } }
            (Get-Stats).jsonapiWrites - $before.jsonapiWrites | Should -Be 0
        }

        It 'a folder is InvalidFile, nothing sent' {
            (Measure-Failure { Send-File $TestDrive }).ErrorId | Should -Be 'InvalidFile'
            (Get-Stats).jsonapiWrites - $before.jsonapiWrites | Should -Be 0
        }

        It 'a device that never ends is FileChanged, sent once at most' -Skip:$IsWindows {
            $outcome = Measure-Failure { Send-File '/dev/zero' -With @{ TimeoutSec = 10 } }
            $outcome.ErrorId | Should -Be 'FileChanged'
            (Get-Stats).jsonapiWrites - $before.jsonapiWrites | Should -BeLessOrEqual 1
        }

        It 'a file that grows while it is uploaded is FileChanged, sent once and not again' {
            $path = Join-Path $TestDrive 'growing.bin'
            [IO.File]::WriteAllBytes($path, [byte[]]::new(100KB))
            # The upload opens the file, then reads the JSON:API index (held up here) before it sends the file.
            Add-Fault -Route jsonapi -Kind delay -With @{ ms = 3000 }
            $grower = Start-ThreadJob { Start-Sleep -Milliseconds 1000; [IO.File]::AppendAllText($using:path, 'more') }
            while ($grower.State -eq 'NotStarted') { Start-Sleep -Milliseconds 20 }
            $outcome = Measure-Failure { Send-File $path -With @{ MaximumRetryCount = 3 } }
            $grower | Wait-Job | Remove-Job
            $outcome.ErrorId | Should -Be 'FileChanged'
            $outcome.Message | Should -Match 'grew'
            (Get-Stats).jsonapiWrites - $before.jsonapiWrites | Should -BeLessOrEqual 1 -Because 'a local failure is not retried'
        }
    }
}
