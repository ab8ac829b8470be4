# Memory to load or train a model, by size and precision
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 03-pretraining-memory.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '03-pretraining-memory.png'
set termoption noenhanced
set title 'Memory to load or train a model, by size and precision' font ',15'
set xlabel 'parameters (log scale)'
set ylabel 'gigabytes (log scale)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key bottom right box lc rgb '#bbbbbb' opaque
set logscale x
set autoscale xfix
set format x '%.0s%c'
set mxtics 10
set logscale y
set autoscale yfix
set format y '%g'
set mytics 10
set xtics (100000000, 300000000, 1000000000, 3000000000, 10000000000, 30000000000)
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
plot '03-pretraining-memory.dat' index 0 using 1:2 with lines lt 1 title 'train, fp32 + Adam (16 B/param)', \
     '03-pretraining-memory.dat' index 1 using 1:2 with lines lt 2 title 'load, fp32 (4.000 B/param)', \
     '03-pretraining-memory.dat' index 2 using 1:2 with lines lt 3 title 'load, fp16 / bf16 (2.000 B/param)', \
     '03-pretraining-memory.dat' index 3 using 1:2 with lines lt 4 title 'load, int8 (1.000 B/param)', \
     '03-pretraining-memory.dat' index 4 using 1:2 with lines lt 5 title 'load, NF4, blocks of 64 (0.562 B/param)', \
     '03-pretraining-memory.dat' index 5 using 1:2 with lines lt 6 title 'load, NF4 + double quantization (0.516 B/param)', \
     '03-pretraining-memory.dat' index 6 using 1:2 with lines lt 7 dt 2 title 'a 24 GB GPU', \
     '03-pretraining-memory.dat' index 7 using 1:2 with lines lt 8 dt 2 title 'an 80 GB GPU'
