import './base.css';
import './notebookOutput.css';
