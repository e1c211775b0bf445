using System.Collections;
using System.Management.Automation;
using DrupalOAuth.Commands.Infrastructure;
using DrupalOAuth.Connections;
using DrupalOAuth.Http;

namespace DrupalOAuth.Commands
{
    /// <summary>
    /// Calls any route of the site with the connection's token, retries, timeouts and redirect rules: JSON answers
    /// come back as PowerShell objects, other text as a string, and -OutFile streams the body to a file.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "DrupalRequest")]
    [OutputType(typeof(PSObject), typeof(System.Collections.Specialized.OrderedDictionary), typeof(string), typeof(byte[]))]
    public sealed class InvokeDrupalRequestCommand : DrupalApiCmdlet
    {
        /// <summary>A path relative to the site URI (/jsonapi, node/1?_format=json) or an absolute URL on the site's origin.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Uri")]
        public string? Path { get; set; }

        [Parameter]
        [ValidateSet("Get", "Post", "Patch", "Put", "Delete", "Head", "Options", IgnoreCase = true)]
        public string Method { get; set; } = "Get";

        /// <summary>A hashtable or object is sent as JSON; a string or byte[] as it is.</summary>
        [Parameter]
        public object? Body { get; set; }

        /// <summary>The body's media type; application/vnd.api+json under the JSON:API base, else application/json (application/octet-stream for bytes).</summary>
        [Parameter]
        public string? ContentType { get; set; }

        /// <summary>Query parameters, URL-encoded and appended; an array value repeats the name.</summary>
        [Parameter]
        public IDictionary? Query { get; set; }

        /// <summary>Other request headers; never Authorization, which the connection sends.</summary>
        [Parameter]
        public IDictionary? Headers { get; set; }

        /// <summary>Streams the body of a successful answer to this file instead of writing it.</summary>
        [Parameter]
        public string? OutFile { get; set; }

        /// <summary>Lets a POST or PATCH be retried after a lost answer or a 502/504, though it may then run twice.</summary>
        [Parameter]
        public SwitchParameter RetryNonIdempotent { get; set; }

        /// <summary>A JSON answer as ordered hashtables instead of PSCustomObjects, as ConvertFrom-Json -AsHashtable.</summary>
        [Parameter]
        public SwitchParameter AsHashtable { get; set; }

        [Parameter]
        [ConnectionTransformation]
        public DrupalConnection? Connection { get; set; }

        protected override void Process()
        {
            var outFile = OutFile == null ? null : GetUnresolvedProviderPathFromPSPath(OutFile);
            var request = new DrupalRequest(Method, Path, Body, ContentType, Query, Headers, outFile, RetryNonIdempotent, AsHashtable);
            var connection = RunspaceConnections.Current.Resolve(Connection);
            var content = Await((log, cancellation) => connection.InvokeRequestAsync(request, log, cancellation, CallOptions));
            if (content != null)
            {
                WriteObject(content, enumerateCollection: content is object[]);
            }
        }
    }
}
