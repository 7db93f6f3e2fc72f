import Foundation
import TuanThuCLI
import TuanThuEngine

ProcessLifetime.enable()
exit(TuanThu.run())
