module gostep.calibrate

go 1.27
