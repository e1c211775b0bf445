using System.Threading;

namespace DrupalOAuth.Sheets
{
    /// <summary>
    /// A related entity an import makes because a label matched nothing (-CreateMissingReferences): planned once per
    /// type and label, shared by every row that names it, with the UUID derived from its label so that a run again
    /// finds it.
    /// </summary>
    internal sealed class PlannedReference
    {
        private int _made;

        public PlannedReference(string typeName, string labelField, string label, string id)
        {
            TypeName = typeName;
            LabelField = labelField;
            Label = label;
            Id = id;
        }

        public string TypeName { get; }

        public string LabelField { get; }

        public string Label { get; }

        public string Id { get; }

        public bool Made => Volatile.Read(ref _made) != 0;

        public void MarkMade() => Volatile.Write(ref _made, 1);
    }
}
