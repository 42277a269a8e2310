// OWL 2 DL profile check with the OWL API (Debian libowlapi-java).
// Usage: java -cp <owlapi jars>:<dir> Owl2DlCheck <file.nt>
// Prints one line per violation: <violation class>\t<description>, then "violations\t<n>".
import java.io.File;
import java.util.List;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class Owl2DlCheck {
  public static void main(String[] args) throws Exception {
    OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
    OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
        .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT)
        .setStrict(false);
    OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new FileDocumentSource(new File(args[0])), config);
    OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
    List<OWLProfileViolation> violations = report.getViolations();
    for (OWLProfileViolation v : violations) {
      System.out.println(v.getClass().getSimpleName() + "\t" + v.toString().replace('\n', ' '));
    }
    System.out.println("axioms\t" + ontology.getAxiomCount());
    System.out.println("violations\t" + violations.size());
  }
}
