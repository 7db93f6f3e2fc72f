import Foundation
import TuanThuCLI

exit(TuanThu.run())
