using System.IO;
using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Errors;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Uploads a file through JSON:API's file route for a file field, streamed from disk with progress, and writes
    /// the file--file entity, ready to pass in -Relationships; with -Id it attaches the file to that entity.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DrupalFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType("DrupalOAuth.Entity")]
    public sealed class NewDrupalFileCommand : EntityChangeCmdlet
    {
        private const int ProgressActivityId = 0x44_72_76;

        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string? EntityType { get; set; }

        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(ResourceTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Bundle { get; set; }

        /// <summary>The file field, such as field_image.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? Field { get; set; }

        /// <summary>The file to upload.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string? Path { get; set; }

        /// <summary>The name Drupal stores; the file's own name by default.</summary>
        [Parameter]
        public string? FileName { get; set; }

        /// <summary>An entity's UUID: the file is attached to its field instead of only uploaded.</summary>
        [Parameter]
        public string? Id { get; set; }

        protected override void Process()
        {
            var path = GetUnresolvedProviderPathFromPSPath(Path!);
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                // One missing file among many piped ones must not stop the others.
                Refuse(null, new DrupalException("FileNotFound", DrupalErrorCategory.ObjectNotFound, $"There is no file '{path}' to upload.", path));
                return;
            }

            var description = $"'{path}' to {EntityType}--{Bundle} {Field}{(Id == null ? string.Empty : $" of {Id}")}";
            if (!ShouldProcess(description, "Upload"))
            {
                return;
            }

            var connection = ResolveConnection();
            var activity = $"Uploading {System.IO.Path.GetFileName(path)}";
            var options = CallOptions;
            Change(description, () => async (log, cancellation) =>
            {
                var uploaded = await connection.UploadFileAsync(
                    EntityType!, Bundle, Field!, path, FileName, Id, (done, total) => Progress(log, activity, done, total), log, cancellation, options).ConfigureAwait(false);
                (log as PipelineLog)?.Progress(new ProgressRecord(ProgressActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
                return uploaded;
            });
        }

        // From the thread that reads the file: queued and written on the pipeline thread, about every percent; with
        // several files in flight (-ThrottleLimit) their bars would only interleave, so there is none.
        private static void Progress(Diagnostics.IDrupalLog log, string activity, long done, long total)
        {
            if (total > 0 && (done == total || done * 100 / total != (done - 81920) * 100 / total))
            {
                (log as PipelineLog)?.Progress(new ProgressRecord(ProgressActivityId, activity, $"{done / 1024:N0} of {total / 1024:N0} KB") { PercentComplete = (int)(done * 100 / total) });
            }
        }
    }
}
