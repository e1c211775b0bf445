# Dot-sourced by Package.Tests.ps1 and Examples.Tests.ps1: new pwsh processes (the PowerShell running the tests),
# each with an environment of its own, started side by side and waited for with their exit code and output.
# The pwsh in $PSHOME is the running PowerShell's own, also under tests/pwsh74's pwsh 7.4; the process's own path is
# not, as `dotnet pwsh` runs PowerShell inside dotnet.
$script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

# The environment of a user whose home is $Path (created empty): on Linux and macOS the CurrentUser module folder,
# the PSResourceGet and PowerShellGet repository lists and every cache then live under $Path, never in the real home.
# PSModulePath is left out, so the new process computes it from that home.
function New-FakeHome {
    param([Parameter(Mandatory)] [string] $Path)
    $environment = @{
        HOME            = $Path
        XDG_DATA_HOME   = Join-Path $Path '.local/share'
        XDG_CACHE_HOME  = Join-Path $Path '.cache'
        XDG_CONFIG_HOME = Join-Path $Path '.config'
        PSModulePath    = $null
    }
    # .NET answers '' for a special folder that does not exist, and PSResourceGet then writes beside the current folder.
    # (On macOS, .NET's LocalApplicationData, where PSResourceGet keeps its repository list, is Library/Application Support.)
    $folders = @($environment.XDG_DATA_HOME, $environment.XDG_CACHE_HOME, $environment.XDG_CONFIG_HOME)
    if ($IsMacOS) { $folders += Join-Path $Path 'Library/Application Support' }
    foreach ($folder in $folders) {
        $null = New-Item -ItemType Directory -Force $folder
    }
    $environment
}

# Starts `pwsh -NoProfile -NonInteractive <ArgumentList>`; -Environment sets variables for it alone ($null removes one).
function Start-Pwsh {
    param(
        [Parameter(Mandatory)] [string[]] $ArgumentList,
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = [IO.Path]::GetTempPath()
    )
    $info = [Diagnostics.ProcessStartInfo]::new($Pwsh)
    foreach ($argument in @('-NoProfile', '-NonInteractive') + $ArgumentList) { $info.ArgumentList.Add($argument) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.WorkingDirectory = $WorkingDirectory
    $info.Environment['NO_COLOR'] = '1'
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $info.Environment.Remove($name) }
        else { $info.Environment[$name] = [string] $Environment[$name] }
    }
    $process = [Diagnostics.Process]::Start($info)
    [pscustomobject]@{
        Process = $process
        Output  = $process.StandardOutput.ReadToEndAsync()
        Errors  = $process.StandardError.ReadToEndAsync()
    }
}

# Waits for a process from Start-Pwsh: ExitCode, Output (stdout), Errors (stderr) and Text (both), without ANSI escapes.
$script:AnsiEscape = '\x1B\[[0-?]*[ -/]*[@-~]'
function Wait-Pwsh {
    param(
        [Parameter(Mandatory, ValueFromPipeline)] [pscustomobject] $Child,
        [int] $TimeoutSec = 120
    )
    process {
        if (-not $Child.Process.WaitForExit($TimeoutSec * 1000)) {
            $Child.Process.Kill($true)
            throw "pwsh $($Child.Process.StartInfo.ArgumentList -join ' ') did not end within $TimeoutSec s."
        }
        $Child.Process.WaitForExit()
        # PowerShell 7.4 colours its error view even on a redirected stderr, despite NO_COLOR: plain text, for matching.
        $output = $Child.Output.GetAwaiter().GetResult() -replace $AnsiEscape
        $errors = $Child.Errors.GetAwaiter().GetResult() -replace $AnsiEscape
        [pscustomobject]@{
            ExitCode = $Child.Process.ExitCode
            Output   = $output
            Errors   = $errors
            Text     = "$output`n$errors"
        }
        $Child.Process.Dispose()
    }
}
