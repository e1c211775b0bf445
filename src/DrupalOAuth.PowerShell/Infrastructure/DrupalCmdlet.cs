using System;
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
    /// (StopProcessing) cancels it at once.
    /// </summary>
    public abstract class DrupalCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected sealed override void ProcessRecord()
        {
            try
            {
                Process();
            }
            catch (DrupalException e)
            {
                WriteFurtherErrors(e);
                ThrowTerminatingError(ErrorRecords.From(e));
            }
        }

        /// <summary>The cmdlet's work for one pipeline input; a <see cref="DrupalException"/> ends the command.</summary>
        protected abstract void Process();

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();

        /// <summary>Runs engine work and waits for it on the pipeline thread, writing its log as it goes.</summary>
        protected T Await<T>(Func<IDrupalLog, CancellationToken, Task<T>> work)
        {
            var log = new PipelineLog();
            Task<T> task;
            try
            {
                task = work(log, _stopping.Token);
            }
            catch
            {
                log.Complete();
                throw;
            }

            task.ContinueWith(_ => log.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            log.WriteUntilComplete(this);
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>A non-terminating error, after the others Drupal gave in the same answer.</summary>
        protected void WriteError(DrupalException exception)
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
