using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DrupalOAuth.Diagnostics;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// What every DrupalOAuth cmdlet shares: engine failures become error records with stable ErrorIds, and
    /// engine work runs asynchronously while the pipeline thread writes its log lines, until Ctrl+C
    /// (StopProcessing) cancels it at once. Its error records, warnings and verbose and debug lines are scrubbed of
    /// the secrets and tokens the module holds.
    /// </summary>
    public abstract class DrupalCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected sealed override void ProcessRecord() => Run(Process);

        protected sealed override void EndProcessing() => Run(Finish);

        private void Run(Action work)
        {
            try
            {
                work();
            }
            catch (DrupalException e)
            {
                WriteFurtherErrors(e);
                ThrowTerminatingError(ErrorRecords.From(e));
            }
            catch (Exception e) when (!(e is IContainsErrorRecord))
            {
                // The engine turns every failure it can foresee into a DrupalException. One it did not foresee is a
                // defect; it still gets a stable ErrorId rather than the exception's type name, keeping the exception
                // as the inner one for the report. PowerShell's own exceptions, which carry their error record (a
                // stopped pipeline, a failure downstream, a bad provider path), go on as they are.
                ThrowTerminatingError(ErrorRecords.From(new DrupalException(
                    "UnexpectedError",
                    DrupalErrorCategory.InvalidOperation,
                    $"{MyInvocation.MyCommand.Name} failed unexpectedly: {e.GetType().Name}: {e.Message} Please report this as a DrupalOAuth bug, with this error's ScriptStackTrace and Exception.InnerException.",
                    null,
                    e)));
            }
        }

        /// <summary>The cmdlet's work for one pipeline input; a <see cref="DrupalException"/> ends the command.</summary>
        protected abstract void Process();

        /// <summary>
        /// The cmdlet's work once every pipeline input has come (a batch still to write, a plan of all the rows); a
        /// <see cref="DrupalException"/> ends the command as in <see cref="Process"/>.
        /// </summary>
        protected virtual void Finish()
        {
        }

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Cancelled by Ctrl+C (StopProcessing), or once downstream stopped the pipeline.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        public void Dispose()
        {
            Release();
            _stopping.Dispose();
        }

        /// <summary>
        /// Lets go of what the cmdlet holds across pipeline inputs (a file being written), however the command ended:
        /// PowerShell disposes a cmdlet after a terminating error or Ctrl+C too, when EndProcessing never runs.
        /// </summary>
        protected virtual void Release()
        {
        }

        /// <summary>
        /// ShouldProcess(target, action) in its words, through the overload that tells -WhatIf (<paramref name="whatIf"/>)
        /// from a "No" at -Confirm: an import reports the one as its plan and the other as skipped.
        /// </summary>
        protected bool ShouldProcess(string target, string action, out bool whatIf)
        {
            var description = $"Performing the operation \"{action}\" on target \"{target}\".";
            var go = ShouldProcess(description, "Are you sure you want to perform this action?\n" + description, "Confirm", out var reason);
            whatIf = reason == ShouldProcessReason.WhatIf;
            return go;
        }

        /// <summary>Runs engine work and waits for it on the pipeline thread, writing its log as it goes.</summary>
        protected T Await<T>(Func<IDrupalLog, CancellationToken, Task<T>> work) =>
            Await((log, output, cancellation) => work(log, cancellation));

        /// <summary>
        /// Runs engine work that hands out items as they arrive (to the <c>Action</c> it is given, from any thread, a
        /// batch at a time, with the token that ends the read) and writes them to the pipeline in order with its log.
        /// The <c>Action</c> waits while the pipeline is <see cref="PipelineLog.OutputCapacity"/> items behind.
        /// </summary>
        protected T Await<T>(Func<IDrupalLog, Action<IReadOnlyList<object?>, CancellationToken>, CancellationToken, Task<T>> work)
        {
            var log = new PipelineLog(Wants("Verbose", "VerbosePreference"), Wants("Debug", "DebugPreference"));
            // The work starts on a pool thread, never on this one: work that ran here until its first await (which a
            // socket with data ready never makes) would hand out items this thread cannot yet write, and the queue
            // would take them all, unbounded (a 400 MB answer became 900 MB in memory, in about one run of three).
            var task = Task.Run(() => work(log, log.Output, _stopping.Token));

            // A failed or stopped call ends at once: what is still queued for the pipeline is dropped, not written first.
            task.ContinueWith(done => log.Complete(dropOutput: done.Status != TaskStatus.RanToCompletion), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                log.WriteUntilComplete(this);
            }
            catch
            {
                // Downstream stopped the pipeline (Select-Object -First) or failed: the rest of the answer is not
                // wanted, so its reading stops too.
                _stopping.Cancel();
                throw;
            }

            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// Whether WriteVerbose (or WriteDebug) would write anything: -Verbose given, or else the preference
        /// variable not SilentlyContinue or Ignore. Lines no one reads are then never queued, so that the pipeline
        /// thread is not woken for each of them (measured: a few microseconds a line, several lines a call).
        /// </summary>
        private bool Wants(string parameter, string preference)
        {
            if (MyInvocation.BoundParameters.TryGetValue(parameter, out var given))
            {
                return !(given is SwitchParameter flag) || flag.IsPresent;
            }

            return !(GetVariableValue(preference) is ActionPreference value) || (value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore);
        }

        /// <summary>A verbose line, scrubbed: it may quote what a server said. Hides Cmdlet's, so that every call here goes through it.</summary>
        public new void WriteVerbose(string text) => base.WriteVerbose(SecretScrubber.Shared.Scrub(text));

        /// <summary>A debug line, scrubbed.</summary>
        public new void WriteDebug(string text) => base.WriteDebug(SecretScrubber.Shared.Scrub(text));

        /// <summary>A warning, scrubbed.</summary>
        public new void WriteWarning(string text) => base.WriteWarning(SecretScrubber.Shared.Scrub(text));

        /// <summary>A non-terminating error, after the others Drupal gave in the same answer.</summary>
        protected internal void WriteError(DrupalException exception)
        {
            WriteFurtherErrors(exception);
            WriteError(ErrorRecords.From(exception));
        }

        private void WriteFurtherErrors(DrupalException exception)
        {
            foreach (var further in exception.FurtherErrors)
            {
                WriteError(ErrorRecords.From(further));
            }
        }
    }
}
