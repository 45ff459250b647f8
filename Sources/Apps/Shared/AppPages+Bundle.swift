import Foundation
import Web

extension AppPages {
    /// The pages folder `folder` (e.g. `ChessPages`) of the Apps target's resources.
    init(folder: String, chrome: PageChrome) {
        let directory = Bundle.module.resourceURL?.appendingPathComponent(folder).path ?? folder
        self.init(directory: directory, chrome: chrome)
    }
}
